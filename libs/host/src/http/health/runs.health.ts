import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { AgentCatalog, RunManager } from '@a2a-mcp/orchestration';

/**
 * Up while the host accepts runs and has agents. Reports runs and agent calls in flight, the global
 * slot pool's saturation (every slot held and tasks queued behind it) and the memory budgets, so a
 * host whose slots are all held by calls that never end is visible even while it answers.
 */
@Injectable()
export class RunsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly runs: RunManager,
    private readonly catalog: AgentCatalog,
  ) {}

  check(key: string): HealthIndicatorResult {
    const indicator = this.indicators.check(key);
    const slots = this.runs.slots.stats();
    const memory = this.runs.memoryUse();
    const data = {
      runsInFlight: this.runs.runsInFlight,
      runsKept: this.runs.runsKept,
      tasksInFlight: slots.inUse,
      tasksQueued: slots.waiting,
      taskCapacity: slots.capacity,
      schedulingPolicy: slots.policy,
      saturation: round(slots.inUse / slots.capacity),
      saturated: slots.inUse >= slots.capacity && slots.waiting > 0,
      memory: { ...memory, runningShare: round(memory.runningBytes / memory.runningBudgetBytes) },
      agentsRegistered: this.catalog.size,
    };
    if (!this.runs.isAccepting) return indicator.down({ ...data, reason: 'shutting down' });
    if (this.catalog.size === 0) return indicator.down({ ...data, reason: 'no agent registered' });
    return indicator.up(data);
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
