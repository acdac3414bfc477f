import { ApiException } from '../errors/api-error';

/**
 * Where a client resumes: the `Last-Event-ID` header (what an EventSource sends on reconnect) wins
 * over `?after=`; both name the last sequence number the client has. Undefined: from the start.
 */
export function resumePoint(lastEventId: string | undefined, after: number | undefined): number | undefined {
  if (lastEventId !== undefined && lastEventId.trim() !== '') {
    const text = lastEventId.trim();
    if (!/^\d{1,15}$/.test(text)) {
      throw new ApiException(400, 'VALIDATION_FAILED', `Last-Event-ID must be a sequence number, got ${JSON.stringify(text.slice(0, 40))}`, [
        { path: 'Last-Event-ID', reason: 'must be a non-negative integer (the id of the last event received)' },
      ]);
    }
    return Number(text);
  }
  return after;
}
