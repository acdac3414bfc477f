import { PlanningError } from '../planner';

/** Generous: a large model writing a long plan can take tens of seconds. */
export const DEFAULT_LLM_TIMEOUT_MS = 60_000;

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
  /** For tests and custom agents; default the global `fetch`. */
  fetch?: typeof fetch;
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

/** The URL to POST to: `url` as it is when it ends in /chat/completions, else `url` + /chat/completions. */
export function chatCompletionsUrl(url: string, setting = 'url'): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw notConfigured(`${setting} must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw notConfigured(`${setting} must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (!/\/chat\/completions\/?$/.test(parsed.pathname)) {
    parsed.pathname = `${parsed.pathname.replace(/\/+$/, '')}/chat/completions`;
  }
  return parsed.toString();
}

export function positiveInteger(text: string, setting: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw notConfigured(`${setting} must be a positive whole number of milliseconds, got ${JSON.stringify(text)}`);
  }
  return value;
}

function required(env: Environment, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw notConfigured(`${name} is not set: it must be ${what}`);
  return value;
}

function notConfigured(message: string): PlanningError {
  return new PlanningError('LLM_NOT_CONFIGURED', `LLM planner: ${message}`);
}
