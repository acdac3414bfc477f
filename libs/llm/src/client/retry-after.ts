const DELTA_SECONDS = /^\d+(\.\d+)?$/;
const MILLISECONDS = /^\d+(\.\d+)?$/;

/**
 * How long the server asked us to wait, in ms, or undefined when it did not say (or said something
 * unreadable). `retry-after-ms` (sent by OpenAI and Azure OpenAI) wins over `Retry-After`, which is
 * either delta-seconds ("2") or an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT", counted from `nowMs`;
 * a date in the past means 0).
 */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const ms = headers.get('retry-after-ms')?.trim();
  if (ms && MILLISECONDS.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (DELTA_SECONDS.test(value)) return Math.ceil(Number(value) * 1000);
  // Only a date (it names a day) goes to Date.parse, which would also read "-3" as a year.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
