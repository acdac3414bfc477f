import { DEFAULT_THRESHOLDS, ORCHESTRATOR_THRESHOLDS, QualityDomain, QualityError, resolveThresholds, type QualityThreshold } from '../src';

function bands(thresholds: readonly QualityThreshold[]): Array<[string, number, number | undefined]> {
  return thresholds.map((threshold) => [threshold.metric, threshold.min, threshold.max]);
}

describe('default thresholds, as the original Python framework ships them', () => {
  it.each<[QualityDomain, Array<[string, number, number | undefined]>]>([
    [QualityDomain.GENERIC, [['overall_quality', 0.7, undefined], ['completeness', 0.8, undefined]]],
    [
      QualityDomain.SERVICE,
      [['service_reliability', 0.95, undefined], ['response_accuracy', 0.8, undefined], ['user_satisfaction', 0.75, undefined]],
    ],
    [
      QualityDomain.BUSINESS,
      [
        ['confidence_score', 0.75, undefined],
        ['technical_feasibility', 0.8, undefined],
        ['personal_sustainability', 0.7, undefined],
        ['risk_tolerance', 0.6, 0.8],
      ],
    ],
    [
      QualityDomain.ACADEMIC,
      [
        ['research_confidence', 0.7, undefined],
        ['domain_coverage', 2, 10],
        ['evidence_quality', 0.75, undefined],
        ['bias_detection', 0.6, undefined],
        ['methodological_rigor', 0.7, undefined],
      ],
    ],
    [QualityDomain.ANALYTICAL, [['accuracy', 0.9, undefined], ['completeness', 0.85, undefined]]],
    [QualityDomain.CREATIVE, [['originality', 0.6, undefined], ['coherence', 0.7, undefined], ['completeness', 0.7, undefined]]],
  ])('%s', (domain, expected) => {
    expect(bands(DEFAULT_THRESHOLDS[domain])).toEqual(expected);
    for (const threshold of DEFAULT_THRESHOLDS[domain]) {
      expect(threshold.required).toBe(true);
      expect(threshold.weight).toBe(1);
    }
  });

  it('are frozen so no run can change another run’s defaults', () => {
    expect(Object.isFrozen(DEFAULT_THRESHOLDS.GENERIC)).toBe(true);
    expect(Object.isFrozen(DEFAULT_THRESHOLDS.GENERIC[0])).toBe(true);
  });

  it('include the orchestrator-level thresholds of the original framework', () => {
    expect(ORCHESTRATOR_THRESHOLDS).toEqual({ completeness: 0.9, accuracy: 0.95 });
  });
});

describe('resolveThresholds', () => {
  it('lets a count metric have bounds above 1', () => {
    expect(bands(resolveThresholds(QualityDomain.ACADEMIC, { domain_coverage: { min: 3, max: 20 } }))[1]).toEqual(['domain_coverage', 3, 20]);
  });

  it('returns the defaults themselves without overrides', () => {
    expect(resolveThresholds(QualityDomain.SERVICE)).toBe(DEFAULT_THRESHOLDS.SERVICE);
    expect(resolveThresholds(QualityDomain.SERVICE, {})).toBe(DEFAULT_THRESHOLDS.SERVICE);
  });

  it('replaces a minimum with a number and keeps the default maximum', () => {
    const resolved = resolveThresholds(QualityDomain.BUSINESS, { risk_tolerance: 0.65, confidence_score: 0.9 });
    expect(bands(resolved)).toEqual([
      ['confidence_score', 0.9, undefined],
      ['technical_feasibility', 0.8, undefined],
      ['personal_sustainability', 0.7, undefined],
      ['risk_tolerance', 0.65, 0.8],
    ]);
  });

  it('replaces the fields an object sets and appends metrics the domain does not list', () => {
    const resolved = resolveThresholds(QualityDomain.GENERIC, { completeness: { min: 0.5, weight: 2 }, accuracy: { min: 0.9, max: 1 } });
    expect(resolved).toEqual([
      { metric: 'overall_quality', min: 0.7, required: true, weight: 1 },
      { metric: 'completeness', min: 0.5, required: true, weight: 2 },
      { metric: 'accuracy', min: 0.9, max: 1, required: true, weight: 1 },
    ]);
    // The defaults are untouched.
    expect(DEFAULT_THRESHOLDS.GENERIC[1].min).toBe(0.8);
  });

  it.each([
    [{ completeness: Number.NaN }, 'completeness', 'min'],
    [{ completeness: -0.1 }, 'completeness', 'min'],
    [{ completeness: 90 }, 'completeness', 'ratio'],
    [{ risk_tolerance: { min: 0.9, max: 0.5 } }, 'risk_tolerance', 'max'],
    [{ accuracy: { weight: -1 } }, 'accuracy', 'weight'],
    [{ accuracy: { required: 'yes' } as unknown as { required: boolean } }, 'accuracy', 'required'],
  ])('refuses %p with INVALID_THRESHOLD naming the metric', (overrides, metric, field) => {
    let caught: unknown;
    try {
      resolveThresholds(QualityDomain.BUSINESS, overrides);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QualityError);
    expect((caught as QualityError).code).toBe('INVALID_THRESHOLD');
    expect((caught as QualityError).message).toContain(`"${metric}"`);
    expect((caught as QualityError).message).toContain(field);
  });
});
