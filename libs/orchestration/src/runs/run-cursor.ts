import { OrchestrationError } from './orchestration-error';

const PREFIX = 'r1:';

/** The opaque `cursor` of a run list page: the position of the last run handed out. */
export function encodeRunCursor(ordinal: number): string {
  return Buffer.from(`${PREFIX}${ordinal}`, 'utf8').toString('base64url');
}

/** Throws INVALID_CURSOR for anything `encodeRunCursor` did not make. */
export function decodeRunCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^r1:(\d{1,15})$/.exec(text);
  if (!match) throw new OrchestrationError('INVALID_CURSOR', `cursor ${JSON.stringify(cursor.slice(0, 80))} is not one this server handed out`);
  return Number(match[1]);
}
