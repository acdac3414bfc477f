import type { components } from './generated/openapi';

/** Every schema of the document, by name. */
export type ApiSchemas = components['schemas'];

/** `{statusCode, code, message, details?}`: every error response of the API. */
export type ApiErrorBody = ApiSchemas['ApiErrorDto'];
export type CreateRunBody = ApiSchemas['CreateRunDto'];
export type RunAccepted = ApiSchemas['RunAcceptedDto'];
export type RunPage = ApiSchemas['RunPageDto'];
export type RunListItem = ApiSchemas['RunListItemDto'];
export type RunDetails = ApiSchemas['RunDetailsDto'];
export type TaskState = ApiSchemas['TaskStateDto'];
export type AgentList = ApiSchemas['AgentListDto'];
/** One event of a run's stream: a union discriminated on `type`. */
export type WorkflowEvent = ApiSchemas['WorkflowEvent'];
export type RunResult = ApiSchemas['RunResult'];
