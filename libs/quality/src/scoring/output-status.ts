import { isPlainRecord } from './output-profile';

/** How an output's own status field reads: absent, a success, still pending, or an error. */
export interface StatusReading {
  readonly kind: 'absent' | 'ok' | 'pending' | 'error';
  /** The status value (or `error` for a non-empty `error` field). */
  readonly value?: string;
}

const STATUS_KEYS = ['status', 'state', 'outcome', 'result'] as const;
// A status is a word or two; longer text under `result` is an answer, not a status.
const MAX_STATUS_CHARS = 40;
const SEPARATORS = /[\s-]+/g;

const ERROR_STATUSES: ReadonlySet<string> = new Set([
  'failed', 'failure', 'fail', 'error', 'errored', 'declined', 'rejected', 'denied', 'refused', 'cancelled',
  'canceled', 'aborted', 'timeout', 'timed_out', 'invalid', 'unavailable', 'not_found', 'blocked', 'expired',
  'bounced', 'undeliverable', 'undelivered', 'voided', 'reversed',
]);
const PENDING_STATUSES: ReadonlySet<string> = new Set([
  'pending', 'queued', 'processing', 'in_progress', 'running', 'waiting', 'scheduled', 'retrying', 'partial', 'on_hold',
]);

const ABSENT: StatusReading = Object.freeze({ kind: 'absent' });

export function readStatus(output: unknown): StatusReading {
  if (!isPlainRecord(output)) return ABSENT;
  // An agent that returns `{error: ...}` reports a failure whatever its status says.
  const error = output.error;
  if (error !== undefined && error !== null && error !== false && error !== '') return { kind: 'error', value: 'error' };
  for (const key of STATUS_KEYS) {
    const value = output[key];
    if (typeof value !== 'string' || value.length > MAX_STATUS_CHARS) continue;
    const normalized = value.trim().toLowerCase().replace(SEPARATORS, '_');
    if (ERROR_STATUSES.has(normalized)) return { kind: 'error', value };
    if (PENDING_STATUSES.has(normalized)) return { kind: 'pending', value };
    return { kind: 'ok', value };
  }
  return ABSENT;
}
