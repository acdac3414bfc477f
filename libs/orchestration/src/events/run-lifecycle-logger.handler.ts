import { Inject, Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import type { OrchestratorConfig } from '../config/orchestrator-config';
import { ORCHESTRATOR_CONFIG } from '../orchestration.tokens';
import { RunCompletedEvent } from './run-completed.event';
import { RunStartedEvent } from './run-started.event';
import { TaskFailedEvent } from './task-failed.event';
import { TaskRetryScheduledEvent } from './task-retry-scheduled.event';

type LifecycleEvent = RunStartedEvent | RunCompletedEvent | TaskRetryScheduledEvent | TaskFailedEvent;

/**
 * Observability (ENABLE_OBSERVABILITY): a log line when a run starts and when it ends, and when a task's
 * attempt fails (retried: info; for good: warn). Each line is an object — a readable `msg` plus `runId`,
 * `taskId` and figures as fields — so the host's JSON logger can index them (its lines also carry the
 * active span's trace and span ids).
 */
@EventsHandler(RunStartedEvent, RunCompletedEvent, TaskRetryScheduledEvent, TaskFailedEvent)
export class RunLifecycleLoggerHandler implements IEventHandler<LifecycleEvent> {
  private readonly logger = new Logger('Runs');

  constructor(@Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig) {}

  handle(domainEvent: LifecycleEvent): void {
    if (!this.config.observability) return;
    const { event } = domainEvent;
    switch (event.type) {
      case 'workflow_start':
        this.logger.log({
          msg: `run ${event.runId} started: ${event.tasks.length} task(s), strategy ${event.strategy}`,
          runId: event.runId,
          tasks: event.tasks.length,
          strategy: event.strategy,
        });
        return;
      case 'task_retry':
        this.logger.log({
          msg: `task ${event.taskId} of run ${event.runId}: attempt ${event.attempt} failed (${event.error.code}), retrying in ${Math.round(event.delayMs)} ms`,
          runId: event.runId,
          taskId: event.taskId,
          attempt: event.attempt,
          errorCode: event.error.code,
          error: event.error.message,
        });
        return;
      case 'task_failed':
        this.logger.warn({
          msg: `task ${event.taskId} of run ${event.runId} failed after ${event.attempt} attempt(s) (${event.error.code})`,
          runId: event.runId,
          taskId: event.taskId,
          attempt: event.attempt,
          errorCode: event.error.code,
          error: event.error.message,
        });
        return;
      case 'workflow_complete': {
        const result = event.result;
        const total = Object.keys(result.tasks).length;
        this.logger.log({
          msg:
            `run ${result.runId} ${result.status}: ${result.successful.length}/${total} completed, ` +
            `makespan ${Math.round(result.makespanMs)} ms, parallel efficiency ${Math.round(result.parallelEfficiency * 100)}%`,
          runId: result.runId,
          status: result.status,
          completed: result.successful.length,
          tasks: total,
          makespanMs: Math.round(result.makespanMs),
          parallelEfficiency: result.parallelEfficiency,
        });
      }
    }
  }
}
