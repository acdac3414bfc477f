import { Inject, Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG } from '../orchestration.tokens';
import { RunCompletedEvent } from './run-completed.event';
import { RunStartedEvent } from './run-started.event';

/** Observability (ENABLE_OBSERVABILITY): one log line when a run starts and one when it ends. */
@EventsHandler(RunStartedEvent, RunCompletedEvent)
export class RunLifecycleLoggerHandler implements IEventHandler<RunStartedEvent | RunCompletedEvent> {
  private readonly logger = new Logger('Runs');

  constructor(@Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig) {}

  handle(domainEvent: RunStartedEvent | RunCompletedEvent): void {
    if (!this.config.observability) return;
    const { event } = domainEvent;
    if (event.type === 'workflow_start') {
      this.logger.log(`run ${event.runId} started: ${event.tasks.length} task(s), strategy ${event.strategy}`);
      return;
    }
    const result = event.result;
    this.logger.log(
      `run ${result.runId} ${result.status}: ${result.successful.length}/${Object.keys(result.tasks).length} completed, ` +
        `makespan ${Math.round(result.makespanMs)} ms, parallel efficiency ${Math.round(result.parallelEfficiency * 100)}%`,
    );
  }
}
