import { LlmError } from '../llm-error';
import { abortableSleep } from './abortable-sleep';
import { DEFAULT_RETRY_POLICY, type ChatEndpoint, type RetryPolicy } from './chat-endpoint';
import { excerpt, readChatReply, type ChatReply } from './chat-reply';
import { retryAfterMs } from './retry-after';

/** One chat message of the OpenAI chat-completions API. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: readonly ChatMessage[];
  /** Ask for a JSON object (`response_format: {type: "json_object"}`); default true. Some servers refuse the field. */
  jsonMode?: boolean;
  /** Left to the server's default when absent. */
  temperature?: number;
}

/** A wait before another attempt, as told to `onRetry`. */
export interface ChatRetry {
  /** The attempt that failed (1 for the first). */
  attempt: number;
  delayMs: number;
  /** What went wrong, e.g. "HTTP 429" or "unreachable (connect ECONNREFUSED …)". */
  reason: string;
  status?: number;
}

export interface ChatCallOptions {
  /** Aborts the call and any wait between attempts (LLM_ABORTED). */
  signal?: AbortSignal;
  /**
   * How the client waits between attempts; must reject when `signal` aborts. Default a real timer; an
   * agent passes its run's clock (`ctx.sleep`), so a test's virtual clock needs no real waiting.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch ms, to read a Retry-After date; default Date.now. */
  now?: () => number;
  /** In [0, 1), to spread backoffs so callers do not retry in lockstep; default Math.random. */
  random?: () => number;
  /** Told before each wait (for progress and logs). */
  onRetry?: (retry: ChatRetry) => void;
}

/** The reply of a chat completion, with who answered and how many calls it took. */
export interface ChatCompletion extends ChatReply {
  /** The model that answered: the reply's `model`, else the one asked for. */
  model: string;
  /** HTTP calls made, retries included. */
  attempts: number;
}

/** A failed call: `transient` ones (429, 5xx, unreachable) are tried again, after the wait the server asked for. */
interface Failure {
  error: LlmError;
  /** For `onRetry`: "HTTP 429", "unreachable (…)". */
  reason: string;
  retryAfterMs?: number;
}

/**
 * One chat completion. Retries (up to `endpoint.retry.maxAttempts` calls in all) on HTTP 429, 5xx and
 * an unreachable server, waiting the server's `retry-after-ms`/`Retry-After` or else an exponential,
 * jittered backoff, every wait capped by `maxDelayMs`. Not retried: other 4xx (the request is wrong), a
 * timeout (the next call would likely be as slow; the caller's own retry decides), a bad 2xx body.
 * Errors: LlmError LLM_HTTP_ERROR (`status`, `attempts`, `transient`), LLM_TIMEOUT, LLM_ABORTED, LLM_BAD_RESPONSE.
 */
export async function chatCompletion(endpoint: ChatEndpoint, request: ChatRequest, options: ChatCallOptions = {}): Promise<ChatCompletion> {
  const policy = endpoint.retry ?? DEFAULT_RETRY_POLICY;
  const body = JSON.stringify({
    model: endpoint.model,
    messages: request.messages,
    ...(request.jsonMode === false ? {} : { response_format: { type: 'json_object' } }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
  });
  const now = options.now ?? Date.now;
  for (let attempt = 1; ; attempt++) {
    const outcome = await callOnce(endpoint, body, options.signal, now);
    if (!('error' in outcome)) return { ...outcome, model: outcome.model ?? endpoint.model, attempts: attempt };
    const { error } = outcome;
    if (!error.transient || attempt >= policy.maxAttempts) throw withAttempts(error, attempt);
    const delayMs = retryDelay(policy, attempt, outcome.retryAfterMs, options.random ?? Math.random);
    options.onRetry?.({ attempt, delayMs, reason: outcome.reason, ...(error.status === undefined ? {} : { status: error.status }) });
    try {
      await (options.sleep ?? abortableSleep)(delayMs, options.signal);
    } catch (sleepError) {
      if (options.signal?.aborted) throw withAttempts(aborted(endpoint.url), attempt);
      throw sleepError;
    }
  }
}

/** The wait after failed attempt `attempt`: the server's, else base·2^(attempt−1) minus up to half of it; never above the cap. */
export function retryDelay(policy: RetryPolicy, attempt: number, serverMs: number | undefined, random: () => number): number {
  if (serverMs !== undefined) return Math.min(serverMs, policy.maxDelayMs);
  const backoff = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return Math.floor(backoff - (backoff / 2) * random());
}

async function callOnce(endpoint: ChatEndpoint, body: string, signal: AbortSignal | undefined, now: () => number): Promise<ChatReply | Failure> {
  const timeout = AbortSignal.timeout(endpoint.timeoutMs);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  let response: Response;
  let text: string;
  try {
    // The body is read under the same signal, so a server that stalls mid-reply also times out.
    response = await endpoint.fetch(endpoint.url, { method: 'POST', headers, body, signal: combined });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) return { error: aborted(endpoint.url), reason: 'aborted' };
    if (timeout.aborted) {
      return { error: new LlmError('LLM_TIMEOUT', `the LLM at ${endpoint.url} did not reply within ${endpoint.timeoutMs} ms`), reason: 'timeout' };
    }
    const reason = reasonOf(error);
    return { error: new LlmError('LLM_HTTP_ERROR', `could not reach the LLM at ${endpoint.url}: ${reason}`, { transient: true }), reason: `unreachable (${reason})` };
  }
  const status = response.status;
  if (status >= 200 && status <= 299) {
    try {
      return readChatReply(text, endpoint.url);
    } catch (error) {
      if (error instanceof LlmError) return { error, reason: 'bad response' };
      throw error;
    }
  }
  const transient = status === 429 || status >= 500;
  const error = new LlmError('LLM_HTTP_ERROR', `the LLM at ${endpoint.url} answered HTTP ${status}: ${excerpt(text)}`, { status, transient });
  const serverMs = transient ? retryAfterMs(response.headers, now()) : undefined;
  return { error, reason: `HTTP ${status}`, ...(serverMs === undefined ? {} : { retryAfterMs: serverMs }) };
}

/** The final error, with how many calls were made (said in the message when more than one). */
function withAttempts(error: LlmError, attempts: number): LlmError {
  const said = error.transient ? `gave up after ${attempts} attempts` : `on attempt ${attempts}`;
  const message = attempts > 1 ? `${error.message} (${said})` : error.message;
  return new LlmError(error.code, message, { ...(error.status === undefined ? {} : { status: error.status }), attempts, transient: error.transient });
}

function aborted(url: string): LlmError {
  return new LlmError('LLM_ABORTED', `the call to the LLM at ${url} was aborted`);
}

/** fetch wraps network failures as "fetch failed" with the real reason in `cause`. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
