import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { AgentCatalog, RunManager } from '@a2a-mcp/orchestration';

/** Up while the host accepts runs and has agents; reports runs and agent calls in flight. */
@Injectable()
export class RunsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly runs: RunManager,
    private readonly catalog: AgentCatalog,
  ) {}

  check(key: string): HealthIndicatorResult {
    const indicator = this.indicators.check(key);
    const data = {
      runsInFlight: this.runs.runsInFlight,
      runsKept: this.runs.runsKept,
      tasksInFlight: this.runs.executor.tasksInFlight,
      tasksWaiting: this.runs.executor.waiting,
      taskCapacity: this.runs.executor.capacity,
      agentsRegistered: this.catalog.size,
    };
    if (!this.runs.isAccepting) return indicator.down({ ...data, reason: 'shutting down' });
    if (this.catalog.size === 0) return indicator.down({ ...data, reason: 'no agent registered' });
    return indicator.up(data);
  }
}
