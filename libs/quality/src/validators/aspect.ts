import type { ScoringInput } from '../scoring/scoring-input';

/** The four generic aspects every output is scored on; domain metrics derive from them. */
export type AspectName = 'completeness' | 'accuracy' | 'format' | 'relevance';

export const ASPECT_NAMES: readonly AspectName[] = Object.freeze(['completeness', 'accuracy', 'format', 'relevance']);

export interface AspectScore {
  /** In [0, 1]. */
  readonly score: number;
  /** Why points were lost, as `code` or `code:subject` (e.g. `missing_field:orderId`); empty at 1. */
  readonly reasons: readonly string[];
}

/** Scores one aspect. May throw (a broken schema...): the caller applies strictMode. */
export type AspectValidator = (input: ScoringInput) => AspectScore;

export function clampUnit(value: number): number {
  if (Number.isNaN(value)) return 0;
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

// A huge invalid output must not produce a huge verdict: keep the first reasons, count the rest.
const MAX_REASONS = 20;

/** Collects reasons up to a cap; `list()` ends with `more_reasons:N` when some were dropped. */
export class ReasonList {
  private readonly reasons: string[] = [];
  private dropped = 0;

  add(reason: string): void {
    if (this.reasons.length < MAX_REASONS) this.reasons.push(reason);
    else this.dropped++;
  }

  list(): readonly string[] {
    return this.dropped === 0 ? this.reasons : [...this.reasons, `more_reasons:${this.dropped}`];
  }
}
