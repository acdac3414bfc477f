import { GetRunHandler } from './get-run/get-run.handler';
import { ListAgentsHandler } from './list-agents/list-agents.handler';
import { ListRunsHandler } from './list-runs/list-runs.handler';

export * from './get-run/get-run.query';
export * from './list-runs/list-runs.query';
export * from './list-agents/list-agents.query';
export { GetRunHandler, ListAgentsHandler, ListRunsHandler };

export const QueryHandlers = [GetRunHandler, ListRunsHandler, ListAgentsHandler];
