import { chatCompletionsUrl as resolveChatUrl, LlmError, positiveInteger as parsePositiveInteger } from '@a2a-mcp/llm';
import { PlanningError } from '../planner';

export { DEFAULT_LLM_TIMEOUT_MS } from '@a2a-mcp/llm';

export interface LlmPlannerOptions {
  /**
   * The API base (`https://api.openai.com/v1`, `http://localhost:11434/v1`), to which
   * `/chat/completions` is appended, or the full chat-completions URL (ending in `/chat/completions`),
   * used as it is.
   */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer <apiKey>`; omit for local servers that need none. */
  apiKey?: string;
  /** Per HTTP call (the first reply and the repair each get this long); default 60 000 ms. */
  timeoutMs?: number;
  /** HTTP calls per completion, the first included, on 429, 5xx or an unreachable server; default 3. */
  maxAttempts?: number;
  /** For tests and custom agents; default the global `fetch`. */
  fetch?: typeof fetch;
  /** How the waits between attempts happen (must reject when the signal aborts); for tests, default a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Environment variables `LlmPlanner.fromEnv` reads. */
export const LLM_ENV = {
  url: 'PLANNER_LLM_URL',
  model: 'PLANNER_LLM_MODEL',
  apiKey: 'PLANNER_LLM_API_KEY',
  timeoutMs: 'PLANNER_LLM_TIMEOUT_MS',
} as const;

export type Environment = Readonly<Record<string, string | undefined>>;

/** Reads the options from the environment; a missing or malformed variable is LLM_NOT_CONFIGURED naming it. */
export function llmOptionsFromEnv(env: Environment): LlmPlannerOptions {
  const url = required(env, LLM_ENV.url, 'the base URL of an OpenAI-compatible API (…/v1) or its …/chat/completions URL');
  const model = required(env, LLM_ENV.model, 'the model name to ask, e.g. gpt-4o-mini');
  const options: LlmPlannerOptions = { url: chatCompletionsUrl(url, LLM_ENV.url), model };
  const apiKey = env[LLM_ENV.apiKey]?.trim();
  if (apiKey) options.apiKey = apiKey;
  const timeout = env[LLM_ENV.timeoutMs]?.trim();
  if (timeout) options.timeoutMs = positiveInteger(timeout, LLM_ENV.timeoutMs);
  return options;
}

/** The URL to POST to (see the llm lib's chatCompletionsUrl); LLM_NOT_CONFIGURED naming `setting` when it is not http(s). */
export function chatCompletionsUrl(url: string, setting = 'url'): string {
  return asPlanningError(() => resolveChatUrl(url, setting));
}

export function positiveInteger(text: string, setting: string): number {
  return asPlanningError(() => parsePositiveInteger(text, setting));
}

function asPlanningError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof LlmError) throw notConfigured(error.message);
    throw error;
  }
}

function required(env: Environment, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw notConfigured(`${name} is not set: it must be ${what}`);
  return value;
}

function notConfigured(message: string): PlanningError {
  return new PlanningError('LLM_NOT_CONFIGURED', `LLM planner: ${message}`);
}
