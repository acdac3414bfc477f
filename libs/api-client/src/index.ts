export { createApiClient, type ApiClient, type ApiClientOptions } from './api-client';
export { readRunEvents } from './event-stream';
export { parseSse, type SseMessage } from './sse-parser';
export type { paths as ApiPaths, components as ApiComponents, operations as ApiOperations } from './generated/openapi';
export type {
  AgentList,
  ApiErrorBody,
  ApiSchemas,
  CreateRunBody,
  RunAccepted,
  RunDetails,
  RunListItem,
  RunPage,
  RunResult,
  TaskState,
  WorkflowEvent,
} from './schemas';
