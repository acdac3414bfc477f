import { SeriesMetric, type Sample, type SeriesMetricConfig } from './series-metric';

export interface HistogramSeries {
  observe(value: number): void;
  readonly count: number;
  readonly sum: number;
}

class HistogramCell implements HistogramSeries {
  count = 0;
  sum = 0;
  /** Per bucket, not cumulative (made cumulative at scrape); the last one is +Inf. */
  readonly buckets: Float64Array;

  constructor(private readonly bounds: readonly number[]) {
    this.buckets = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!Number.isFinite(value)) return;
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]) i++;
    this.buckets[i]++;
    this.count++;
    this.sum += value;
  }
}

export interface SeriesHistogramConfig<L extends string> extends SeriesMetricConfig<L> {
  /** Upper bounds, ascending; +Inf is added. */
  buckets: readonly number[];
}

/** A histogram whose label sets are resolved once (see SeriesMetric). */
export class SeriesHistogram<L extends string = never> extends SeriesMetric<L, HistogramSeries> {
  readonly type = 'histogram' as const;
  private readonly bounds: readonly number[];

  constructor(config: SeriesHistogramConfig<L>) {
    super(config);
    this.bounds = [...config.buckets].sort((a, b) => a - b);
  }

  /** One observation through the label lookup: for the rarer events (a finished run). */
  observe(labels: Record<L, string>, value: number): void {
    this.series(labels).observe(value);
  }

  protected createSeries(): HistogramSeries {
    return new HistogramCell(this.bounds);
  }

  protected samplesOf(labels: Record<L, string>, series: HistogramSeries, into: Sample[]): void {
    const cell = series as HistogramCell;
    let cumulative = 0;
    for (let i = 0; i <= this.bounds.length; i++) {
      cumulative += cell.buckets[i];
      const le = i < this.bounds.length ? this.bounds[i] : '+Inf';
      into.push({ value: cumulative, labels: { ...labels, le }, metricName: `${this.name}_bucket` });
    }
    into.push({ value: cell.sum, labels, metricName: `${this.name}_sum` });
    into.push({ value: cell.count, labels, metricName: `${this.name}_count` });
  }
}
