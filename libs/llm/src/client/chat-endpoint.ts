import { LlmError } from '../llm-error';

/** Generous: a large model writing a long answer can take tens of seconds. */
export const DEFAULT_LLM_TIMEOUT_MS = 60_000;

/** HTTP calls per chat completion, the first included: two retries on 429, 5xx or an unreachable server. */
export const DEFAULT_LLM_MAX_ATTEMPTS = 3;

/** The first backoff without Retry-After; it doubles per retry. */
export const DEFAULT_LLM_BACKOFF_MS = 500;

/** No wait between attempts is longer, Retry-After included: a caller should not hang on one server's say-so. */
export const MAX_LLM_RETRY_DELAY_MS = 30_000;

/** How often the client tries and how long it waits in between. */
export interface RetryPolicy {
  /** HTTP calls in all, the first included (1: no retry). */
  maxAttempts: number;
  /** The first backoff when the server gives no Retry-After; doubled per retry, jittered down by up to half. */
  baseDelayMs: number;
  /** The longest wait, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: DEFAULT_LLM_MAX_ATTEMPTS,
  baseDelayMs: DEFAULT_LLM_BACKOFF_MS,
  maxDelayMs: MAX_LLM_RETRY_DELAY_MS,
});

/** Where and how to call an OpenAI-compatible chat-completions API. */
export interface ChatEndpoint {
  /** The chat-completions URL to POST to (see `chatCompletionsUrl`). */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer <apiKey>`; absent for local servers that need none. */
  apiKey?: string;
  /** Per HTTP call: the reply must have fully arrived by then. */
  timeoutMs: number;
  fetch: typeof fetch;
  /** Default DEFAULT_RETRY_POLICY. */
  retry?: RetryPolicy;
}

/**
 * The URL to POST to: `url` as it is when it ends in /chat/completions, else `url` + /chat/completions
 * (so an API base such as `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1` works). `setting`
 * names where the URL came from in the LLM_NOT_CONFIGURED message.
 */
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

/** A positive whole number of milliseconds from text (an environment variable); LLM_NOT_CONFIGURED naming `setting` otherwise. */
export function positiveInteger(text: string, setting: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw notConfigured(`${setting} must be a positive whole number of milliseconds, got ${JSON.stringify(text)}`);
  }
  return value;
}

function notConfigured(message: string): LlmError {
  return new LlmError('LLM_NOT_CONFIGURED', message);
}
