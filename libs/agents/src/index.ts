// The agents' public contract (agent cards, the registry, the demo agents), named one by one so a new export is a decision.
export type { AgentCapabilities, AgentCard, AgentSkill, JsonSchema, SkillPlanningMetadata } from './agent-card';
export type { Agent } from './agent';
export { AgentRegistry, AgentRegistryError, type AgentRegistryErrorCode } from './agent-registry';
export { createSimulatorAgent, SIMULATOR_AGENT_NAME, type SimulatorInput } from './simulator.agent';
export { createDemoAgents, createDemoRegistry, createInteractiveDemoAgents } from './demo-agents';
export { APPROVAL_AGENT, APPROVAL_MAX_QUESTIONS, createApprovalAgent, type ApprovalOutput } from './demo/approval-agent.agent';
export { defineDemoAgent, type DemoAgentSpec, type DemoOutput } from './demo/define-demo-agent';
export { readConfigDocument } from './config/read-config-document';
