import type { Metric, Registry } from 'prom-client';

/** A sample as prom-client's registry formats it (its `MetricValue` with an optional series name). */
export interface Sample {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

export interface SeriesMetricConfig<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
  registers?: Registry[];
}

/**
 * The base of the counters and histograms on the hot path. prom-client validates and hashes the
 * labels on every `inc`/`observe` (about a microsecond, several times per task); these hand out a
 * series handle once per label set, so a task's events cost a few additions. The registry reads them
 * through `get()`, in prom-client's own format, beside its gauges and the Node metrics.
 */
export abstract class SeriesMetric<L extends string, S> {
  readonly name: string;
  readonly help: string;
  readonly aggregator = 'sum' as const;
  protected readonly labelNames: readonly L[];
  private readonly byKey = new Map<string, { labels: Record<L, string>; series: S }>();

  protected constructor(config: SeriesMetricConfig<L>) {
    this.name = config.name;
    this.help = config.help;
    this.labelNames = config.labelNames ?? [];
    // The registry accepts any object with a name and get(); its types only name prom-client's classes.
    for (const registry of config.registers ?? []) registry.registerMetric(this as unknown as Metric);
  }

  abstract readonly type: 'counter' | 'histogram';

  /** The series of one label set: keep it where the same labels come back (per agent, per domain). */
  series(labels: Record<L, string>): S {
    let key = '';
    for (const name of this.labelNames) {
      const value = labels[name];
      if (typeof value !== 'string') throw new TypeError(`metric ${this.name}: label "${name}" is missing`);
      key += `${value}\u0000`;
    }
    let entry = this.byKey.get(key);
    if (entry === undefined) {
      const own = {} as Record<L, string>;
      for (const name of this.labelNames) own[name] = labels[name];
      entry = { labels: own, series: this.createSeries() };
      this.byKey.set(key, entry);
    }
    return entry.series;
  }

  /** Every sample, for the registry's exposition. */
  async get(): Promise<{ name: string; help: string; type: string; aggregator: 'sum'; values: Sample[] }> {
    const values: Sample[] = [];
    for (const { labels, series } of this.byKey.values()) this.samplesOf(labels, series, values);
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** Forgets every series (prom-client's registry calls it from resetMetrics). */
  reset(): void {
    this.byKey.clear();
  }

  protected abstract createSeries(): S;
  protected abstract samplesOf(labels: Record<L, string>, series: S, into: Sample[]): void;
}
