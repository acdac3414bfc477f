import type { Agent } from './agent';
import { AgentRegistry } from './agent-registry';
import { createAnalyticsSpecialistAgent } from './demo/analytics-specialist.agent';
import { createApprovalAgent } from './demo/approval-agent.agent';
import { createArchivalAgent } from './demo/archival-agent.agent';
import { createDataProcessorAgent } from './demo/data-processor.agent';
import { createEmailAgent } from './demo/email-agent.agent';
import { createInventoryManagerAgent } from './demo/inventory-manager.agent';
import { createNotificationAgent } from './demo/notification-agent.agent';
import { createPaymentProcessorAgent } from './demo/payment-processor.agent';
import { createReportingAgent } from './demo/reporting-agent.agent';
import { createShippingAgent } from './demo/shipping-agent.agent';
import { createSmsAgent } from './demo/sms-agent.agent';
import { createSimulatorAgent } from './simulator.agent';

/** The original framework's named domain agents (without the simulator). */
export function createDemoAgents(): Agent[] {
  return [
    createDataProcessorAgent(),
    createAnalyticsSpecialistAgent(),
    createNotificationAgent(),
    createReportingAgent(),
    createArchivalAgent(),
    createPaymentProcessorAgent(),
    createInventoryManagerAgent(),
    createShippingAgent(),
    createEmailAgent(),
    createSmsAgent(),
  ];
}

/**
 * Demo agents that pause for a person's answer (`approval_agent`). Kept apart from the ten above:
 * they need a host that can take the answer (`POST /v1/runs/:id/input`); the embedded host registers
 * them next to the others, a run without a way to answer (the CLI's local runs) would wait forever.
 */
export function createInteractiveDemoAgents(): Agent[] {
  return [createApprovalAgent()];
}

/** A registry with every demo agent and the simulator: what the embedded host and the CLI run on. */
export function createDemoRegistry(): AgentRegistry {
  return new AgentRegistry([...createDemoAgents(), createSimulatorAgent()]);
}
