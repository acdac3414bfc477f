import type { Registry } from 'prom-client';

export type Labels = Record<string, string | number>;

export interface Sample {
  labels: Labels;
  value: number;
}

/**
 * Reads a registry the way a scrape does (collect callbacks run), as samples by their exposed name
 * (`x_total`, `x_bucket`, `x_sum`, `x_count`), so tests compare exact values per label set.
 */
export class MetricSamples {
  private constructor(private readonly byName: Map<string, Sample[]>) {}

  static async of(registry: Registry): Promise<MetricSamples> {
    const byName = new Map<string, Sample[]>();
    for (const metric of await registry.getMetricsAsJSON()) {
      for (const value of metric.values) {
        const name = (value as { metricName?: string }).metricName ?? metric.name;
        const list = byName.get(name) ?? [];
        list.push({ labels: { ...(value.labels as Labels) }, value: value.value });
        byName.set(name, list);
      }
    }
    return new MetricSamples(byName);
  }

  /** The value of the sample whose labels are exactly `labels`; undefined when there is none. */
  value(name: string, labels: Labels = {}): number | undefined {
    const wanted = key(labels);
    return this.byName.get(name)?.find((sample) => key(sample.labels) === wanted)?.value;
  }

  /**
   * Every sample of `name` as `{"<value of labels[0]> <value of labels[1]> …": value}`: an
   * order-free table to compare whole. A sample with a label not named here fails the read.
   */
  table(name: string, labels: readonly string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const sample of this.byName.get(name) ?? []) {
      const extra = Object.keys(sample.labels).filter((label) => !labels.includes(label));
      if (extra.length > 0) throw new Error(`${name} has labels ${extra.join(', ')} the table does not name`);
      out[labels.map((label) => String(sample.labels[label])).join(' ')] = sample.value;
    }
    return out;
  }

  /**
   * `table` without the zeros: what a counter has counted. A series may exist at 0 before its first
   * increase (created when its agent or domain is first seen) or not at all; both mean "none".
   */
  counts(name: string, labels: readonly string[]): Record<string, number> {
    return Object.fromEntries(Object.entries(this.table(name, labels)).filter(([, value]) => value !== 0));
  }
}

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${String(labels[name])}`)
    .join(',');
}
