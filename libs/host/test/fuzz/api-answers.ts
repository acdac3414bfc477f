import type { JsonResponse } from '../support/http';

const ERROR_KEYS = new Set(['statusCode', 'code', 'message', 'details']);

/** The statuses a fuzz file saw, for its closing log line. */
export class StatusCounts {
  private readonly counts = new Map<number, number>();

  add(status: number): void {
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
  }

  toString(): string {
    return JSON.stringify(Object.fromEntries([...this.counts].sort(([a], [b]) => a - b)));
  }
}

/**
 * Checks one answer: a success the caller allows, or an error in the API's shape — `{statusCode, code,
 * message, details?}` and nothing else, statusCode equal to the status — that is a 4xx, or one of the
 * 5xx codes the caller allows (a bad upstream, never the host itself). Returns the error code.
 * Throws naming the request when the answer breaks the contract (fast-check then shrinks the input).
 */
export function checkAnswer(
  what: string,
  res: Pick<JsonResponse<unknown>, 'status' | 'body' | 'text'>,
  options: { ok: readonly number[]; upstreamCodes?: readonly string[] },
): string | undefined {
  const fail = (why: string): never => {
    throw new Error(`${what} answered ${res.status} ${res.text.slice(0, 400)}: ${why}`);
  };
  if (options.ok.includes(res.status)) return undefined;
  if (res.status < 400) fail('a status the endpoint never answers with');
  const body = res.body as Record<string, unknown> | undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('the error body is not a JSON object');
  const extra = Object.keys(body).filter((key) => !ERROR_KEYS.has(key));
  if (extra.length > 0) fail(`the error body has other keys (${extra.join(', ')})`);
  if (body.statusCode !== res.status) fail('statusCode is not the status');
  if (typeof body.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.code)) fail('code is not a stable UPPER_CASE code');
  if (typeof body.message !== 'string' || body.message === '') fail('message is not a non-empty string');
  const code = body.code as string;
  if (res.status >= 500 && !(options.upstreamCodes ?? []).includes(code)) fail('a 5xx');
  return code;
}
