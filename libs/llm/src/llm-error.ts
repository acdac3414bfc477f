export const LLM_ERROR_CODES = ['LLM_NOT_CONFIGURED', 'LLM_HTTP_ERROR', 'LLM_TIMEOUT', 'LLM_ABORTED', 'LLM_BAD_RESPONSE'] as const;
export type LlmErrorCode = (typeof LLM_ERROR_CODES)[number];

export interface LlmErrorDetails {
  /** The HTTP status of the last call (LLM_HTTP_ERROR from a reply). */
  status?: number;
  /** HTTP calls made, retries included. */
  attempts?: number;
  /** The kind of failure the client retries (429, 5xx, unreachable): another try later may succeed. */
  transient?: boolean;
}

/**
 * Why a chat-completions call failed. The codes: LLM_NOT_CONFIGURED (a bad URL, model or setting),
 * LLM_HTTP_ERROR (a non-2xx reply or the server unreachable, after the retries), LLM_TIMEOUT (no full
 * reply within the call's timeout), LLM_ABORTED (the caller's signal), LLM_BAD_RESPONSE (a 2xx reply
 * that is not a chat completion).
 */
export class LlmError extends Error {
  readonly status?: number;
  readonly attempts?: number;
  readonly transient: boolean;

  constructor(
    readonly code: LlmErrorCode,
    message: string,
    details: LlmErrorDetails = {},
  ) {
    super(message);
    this.name = 'LlmError';
    if (details.status !== undefined) this.status = details.status;
    if (details.attempts !== undefined) this.attempts = details.attempts;
    this.transient = details.transient ?? false;
  }
}
