import { PlanningError } from '../planner';
import type { ChatMessage } from './plan-prompt';

export interface ChatEndpoint {
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  fetch: typeof fetch;
}

/** How much of an error body goes into a message: enough to see the server's reason. */
const BODY_EXCERPT = 200;

/**
 * One chat-completions call asking for a JSON object; returns `choices[0].message.content`.
 * Errors: LLM_HTTP_ERROR (non-2xx, with status and a body excerpt, or the server unreachable),
 * LLM_TIMEOUT (no full reply within `timeoutMs`), ABORTED (the caller's signal), LLM_BAD_RESPONSE
 * (a 2xx reply that is not a chat completion).
 */
export async function chatCompletion(endpoint: ChatEndpoint, messages: readonly ChatMessage[], signal?: AbortSignal): Promise<string> {
  const timeout = AbortSignal.timeout(endpoint.timeoutMs);
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  const body = JSON.stringify({
    model: endpoint.model,
    messages,
    response_format: { type: 'json_object' },
    temperature: 0,
  });

  let status: number;
  let text: string;
  try {
    // The body is read under the same signal, so a server that stalls mid-reply also times out.
    const response = await endpoint.fetch(endpoint.url, { method: 'POST', headers, body, signal: combined });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw new PlanningError('ABORTED', 'planning was aborted while waiting for the LLM');
    if (timeout.aborted) {
      throw new PlanningError('LLM_TIMEOUT', `the LLM at ${endpoint.url} did not reply within ${endpoint.timeoutMs} ms`);
    }
    throw new PlanningError('LLM_HTTP_ERROR', `could not reach the LLM at ${endpoint.url}: ${reasonOf(error)}`);
  }
  if (status < 200 || status > 299) {
    throw new PlanningError('LLM_HTTP_ERROR', `the LLM at ${endpoint.url} answered HTTP ${status}: ${excerpt(text)}`, { status });
  }
  return contentOf(text, endpoint.url);
}

function contentOf(text: string, url: string): string {
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw badResponse(url, `not JSON: ${excerpt(text)}`);
  }
  const choices = isRecord(reply) ? reply.choices : undefined;
  const first: unknown = Array.isArray(choices) ? choices[0] : undefined;
  const message = isRecord(first) ? first.message : undefined;
  const content = isRecord(message) ? message.content : undefined;
  if (typeof content !== 'string') throw badResponse(url, `no choices[0].message.content in ${excerpt(text)}`);
  return content;
}

function badResponse(url: string, why: string): PlanningError {
  return new PlanningError('LLM_BAD_RESPONSE', `the LLM at ${url} sent a reply that is not a chat completion: ${why}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length === 0) return '(empty body)';
  return flat.length > BODY_EXCERPT ? `${flat.slice(0, BODY_EXCERPT)}…` : flat;
}

/** fetch wraps network failures as "fetch failed" with the real reason in `cause`. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
