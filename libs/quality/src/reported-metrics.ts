import { isPlainRecord } from './scoring/output-profile';
import { COUNT_METRICS } from './thresholds';

/**
 * Other names an agent may use for a metric. `qualityScore` is the simulator's (and the engine's
 * scorer-less) overall score, so it reports `overall_quality`.
 */
const METRIC_ALIASES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  overall_quality: ['qualityScore', 'quality_score'],
});

export type ReportedMetric = { kind: 'value'; value: number } | { kind: 'out_of_range'; value: number };

const SNAKE_SEGMENT = /_([a-z0-9])/g;
const namesByMetric = new Map<string, readonly string[]>();

/**
 * The value an agent reports for `metric` itself: `output.quality.<metric>`, else `output.<metric>`,
 * in snake_case or camelCase (or an alias). undefined when it reports nothing numeric.
 */
export function reportedMetric(output: unknown, metric: string): ReportedMetric | undefined {
  if (!isPlainRecord(output)) return undefined;
  const names = namesOf(metric);
  const quality = output.quality;
  const containers = isPlainRecord(quality) ? [quality, output] : [output];
  for (const container of containers) {
    for (const name of names) {
      const value = container[name];
      if (typeof value !== 'number') continue;
      return inRange(metric, value) ? { kind: 'value', value } : { kind: 'out_of_range', value };
    }
  }
  return undefined;
}

function inRange(metric: string, value: number): boolean {
  if (!Number.isFinite(value) || value < 0) return false;
  return COUNT_METRICS.has(metric) || value <= 1;
}

function namesOf(metric: string): readonly string[] {
  let names = namesByMetric.get(metric);
  if (names === undefined) {
    const camel = metric.replace(SNAKE_SEGMENT, (_, letter: string) => letter.toUpperCase());
    names = [...new Set([metric, camel, ...(METRIC_ALIASES[metric] ?? [])])];
    namesByMetric.set(metric, names);
  }
  return names;
}
