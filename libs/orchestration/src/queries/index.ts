import { GetRunEventsHandler } from './get-run-events/get-run-events.handler';
import { GetRunHandler } from './get-run/get-run.handler';
import { ListAgentsHandler } from './list-agents/list-agents.handler';
import { ListRunsHandler } from './list-runs/list-runs.handler';

export * from './run-views';
export * from './get-run/get-run.query';
export * from './get-run-events/get-run-events.query';
export * from './list-runs/list-runs.query';
export * from './list-agents/list-agents.query';
export { GetRunEventsHandler, GetRunHandler, ListAgentsHandler, ListRunsHandler };

export const QueryHandlers = [GetRunHandler, GetRunEventsHandler, ListRunsHandler, ListAgentsHandler];
