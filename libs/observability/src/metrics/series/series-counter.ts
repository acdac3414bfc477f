import { SeriesMetric, type Sample, type SeriesMetricConfig } from './series-metric';

export interface CounterSeries {
  inc(by?: number): void;
  readonly value: number;
}

class CounterCell implements CounterSeries {
  value = 0;

  inc(by = 1): void {
    this.value += by;
  }
}

/** A counter whose label sets are resolved once (see SeriesMetric). */
export class SeriesCounter<L extends string = never> extends SeriesMetric<L, CounterSeries> {
  readonly type = 'counter' as const;

  constructor(config: SeriesMetricConfig<L>) {
    super(config);
  }

  /** One increment through the label lookup: for the rarer events (a run, a retry). */
  inc(labels: Record<L, string>, by = 1): void {
    this.series(labels).inc(by);
  }

  protected createSeries(): CounterSeries {
    return new CounterCell();
  }

  protected samplesOf(labels: Record<L, string>, series: CounterSeries, into: Sample[]): void {
    into.push({ value: series.value, labels });
  }
}
