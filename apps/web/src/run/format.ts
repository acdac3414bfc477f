/** Small display helpers shared by the Run page's parts. */

/** `12 ms`, `1.25 s`, `3 min 5 s`: short enough for a header, precise enough to compare runs. */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatPercent(share: number | undefined): string {
  return share === undefined || !Number.isFinite(share) ? '–' : `${Math.round(share * 100)} %`;
}

/**
 * Any JSON value as indented text, for a <pre>. React escapes it when rendered: agent output is never
 * markup. A value JSON cannot hold (a cycle, a BigInt) is shown as its String form instead of failing.
 */
export function jsonText(value: unknown): string {
  if (value === undefined) return '–';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
