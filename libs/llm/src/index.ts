// The llm contract: an OpenAI-compatible chat-completions client (retries, usage) and LLM agents defined
// in the LLM_AGENTS file. Named one by one so a new export is a decision. Test helpers: `@a2a-mcp/llm/testing`.
export { LLM_ERROR_CODES, LlmError, type LlmErrorCode, type LlmErrorDetails } from './llm-error';
export {
  chatCompletionsUrl,
  DEFAULT_LLM_BACKOFF_MS,
  DEFAULT_LLM_MAX_ATTEMPTS,
  DEFAULT_LLM_TIMEOUT_MS,
  DEFAULT_RETRY_POLICY,
  MAX_LLM_RETRY_DELAY_MS,
  positiveInteger,
  type ChatEndpoint,
  type RetryPolicy,
} from './client/chat-endpoint';
export {
  chatCompletion,
  retryDelay,
  type ChatCallOptions,
  type ChatCompletion,
  type ChatMessage,
  type ChatRequest,
  type ChatRetry,
} from './client/chat-completion';
export type { ChatReply, TokenUsage } from './client/chat-reply';
export { retryAfterMs } from './client/retry-after';
export { unfenceJson } from './client/json-content';
export {
  MAX_LLM_ATTEMPTS,
  USAGE_KEY,
  type LlmAgentConfig,
  type LlmAgentsConfig,
  type LlmEndpointConfig,
  type LlmSkillConfig,
} from './agent/llm-agent-config';
export { LLM_USAGE_SCHEMA } from './agent/llm-agent-card';
export { LlmAgent, type LlmAgentDependencies, type LlmAgentOutput, type LlmUsage } from './agent/llm-agent';
export { LlmAgentsConfigError, parseLlmAgentsConfig, readLlmAgentsConfigFile } from './agent/llm-agents-config-file';
