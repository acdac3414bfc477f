import { RunLifecycleLoggerHandler } from './run-lifecycle-logger.handler';

export * from './run-domain-event';
export * from './to-domain-event';
export * from './request-planned.event';
export * from './run-started.event';
export * from './execution-planned.event';
export * from './level-started.event';
export * from './level-completed.event';
export * from './task-queued.event';
export * from './task-started.event';
export * from './task-progressed.event';
export * from './task-retry-scheduled.event';
export * from './task-paused.event';
export * from './task-resumed.event';
export * from './task-completed.event';
export * from './task-failed.event';
export * from './task-skipped.event';
export * from './task-cancelled.event';
export * from './artifact-emitted.event';
export * from './graph-modified.event';
export * from './run-completed.event';
export { RunLifecycleLoggerHandler };

export const EventHandlers = [RunLifecycleLoggerHandler];
