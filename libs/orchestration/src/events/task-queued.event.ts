import { RunDomainEvent, type EngineEvent } from './run-domain-event';

/** A task was dispatched and waits for a global agent-call slot (engine event `task_queued`). */
export class TaskQueuedEvent extends RunDomainEvent<EngineEvent<'task_queued'>> {}
