import { retryAfterMs, retryDelay } from '../src';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const headers = (entries: Record<string, string>) => new Headers(entries);

describe('retryAfterMs', () => {
  it('reads delta-seconds', () => {
    expect(retryAfterMs(headers({ 'retry-after': '2' }), NOW)).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': ' 0 ' }), NOW)).toBe(0);
    expect(retryAfterMs(headers({ 'retry-after': '1.5' }), NOW)).toBe(1500);
  });

  it('reads an HTTP date from now, a past one as 0', () => {
    expect(retryAfterMs(headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:07 GMT' }), NOW)).toBe(7000);
    expect(retryAfterMs(headers({ 'retry-after': 'Mon, 31 Dec 2029 23:59:00 GMT' }), NOW)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW)).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after-ms': 'soon', 'retry-after': '9' }), NOW)).toBe(9000);
  });

  it('is undefined when absent or unreadable', () => {
    expect(retryAfterMs(headers({}), NOW)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'later' }), NOW)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': '-3' }), NOW)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

  it('doubles per attempt up to the cap, jittered down by at most half', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(policy, attempt, undefined, () => 0))).toEqual([100, 200, 400, 800, 1000]);
    expect([1, 2, 3].map((attempt) => retryDelay(policy, attempt, undefined, () => 0.5))).toEqual([75, 150, 300]);
  });

  it("takes the server's wait, capped", () => {
    expect(retryDelay(policy, 1, 700, () => 0.9)).toBe(700);
    expect(retryDelay(policy, 1, 60_000, () => 0)).toBe(1000);
  });
});
