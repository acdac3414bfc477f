import type { JsonSchema } from '@a2a-mcp/agents';

/** One skill of an LLM agent, as on its card; the planner matches requests against it. */
export interface LlmSkillConfig {
  id: string;
  name: string;
  description: string;
  tags: string[];
  examples?: string[];
  /** Kinds of data the skill needs; a task whose skill produces one becomes a dependency. */
  consumes?: string[];
  /** Kinds of data the skill yields. */
  produces?: string[];
  /** Typical duration in ms, for the planner's estimates (an LLM call takes seconds). */
  expectedDurationMs?: number;
  /** The quality domain of its tasks (GENERIC, ANALYTICAL, ...). */
  qualityDomain?: string;
}

/** Where the agent's model is served: any OpenAI-compatible chat-completions API. */
export interface LlmEndpointConfig {
  /** The API base (`https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`) or the full …/chat/completions URL. */
  url: string;
  model: string;
  /** The NAME of the environment variable that holds the API key (sent as a Bearer token); never the key. */
  apiKeyEnv?: string;
  /** Per HTTP call; default 60 000 ms. */
  timeoutMs?: number;
  /** HTTP calls per task attempt, the first included, on 429, 5xx or an unreachable server; default 3. */
  maxAttempts?: number;
  /** Left to the server's default when absent. */
  temperature?: number;
  /** Send `response_format: {type: "json_object"}`; default true. Set false for a server that refuses it. */
  jsonMode?: boolean;
}

/**
 * An agent answered by a model: a name and skills (its card), a system prompt, the JSON Schema its
 * answers must match, and the endpoint. One entry of the LLM_AGENTS file.
 */
export interface LlmAgentConfig {
  name: string;
  description?: string;
  skills: LlmSkillConfig[];
  systemPrompt: string;
  /** An object schema (`type: "object"`); its `usage` property is reserved for the token usage. */
  outputSchema: JsonSchema;
  endpoint: LlmEndpointConfig;
}

/** The LLM_AGENTS file: `{agents: [...]}`. */
export interface LlmAgentsConfig {
  /** The file it was read from, for messages. */
  file: string;
  agents: LlmAgentConfig[];
}

/** The output key the token usage goes under; an output schema may not declare it. */
export const USAGE_KEY = 'usage';

/** Upper bound for `maxAttempts`: more would hammer a struggling server. */
export const MAX_LLM_ATTEMPTS = 10;

/** Agent names: they end up in plans, URLs and logs. */
export const LLM_AGENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * The name of the key's environment variable: upper case, digits and `_` (OPENAI_API_KEY). Stricter than
 * the shell on purpose: an API key pasted by mistake (sk-…, gsk_…) has lower case or `-`, and is refused.
 */
export const ENV_VAR_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Why an `apiKeyEnv` was refused; the value itself is never repeated (it may be a pasted key). */
export const API_KEY_ENV_RULE =
  'endpoint.apiKeyEnv must be the NAME of the environment variable that holds the API key (upper case, digits and _, e.g. OPENAI_API_KEY), never the key itself';
