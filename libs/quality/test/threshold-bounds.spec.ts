import { createQualityScorer, DEFAULT_THRESHOLDS, QualityDomain, QualityError, resolveThresholds } from '../src';
import { checkMinimumScore, type ThresholdOverride } from '../src/thresholds';
import { PAYMENT_SCHEMA, PAYMENT_TASK, paymentOutput, taskRequest } from './support/fixtures';

function refusal(action: () => unknown): [string, string] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(QualityError);
    return [(error as QualityError).code, (error as QualityError).message];
  }
  throw new Error('expected a QualityError, none was thrown');
}

const override = (metric: string, value: ThresholdOverride) => () => resolveThresholds(QualityDomain.GENERIC, { [metric]: value });

describe('threshold overrides at their bounds', () => {
  it('refuses an override that is neither a number nor an object', () => {
    for (const bad of ['0.9', null, true] as unknown as ThresholdOverride[]) {
      expect(refusal(override('completeness', bad))).toEqual([
        'INVALID_THRESHOLD',
        `threshold "completeness": must be a number or {min?, max?, required?, weight?} (got ${JSON.stringify(bad)})`,
      ]);
    }
  });

  it('a ratio minimum of exactly 1 or 0 is allowed; above 1 is refused, except for a count metric', () => {
    expect(resolveThresholds(QualityDomain.GENERIC, { completeness: 1 })[1].min).toBe(1);
    expect(resolveThresholds(QualityDomain.GENERIC, { completeness: 0 })[1].min).toBe(0);
    expect(refusal(override('completeness', 1.01))).toEqual(['INVALID_THRESHOLD', 'threshold "completeness": min of a ratio metric must be in [0, 1] (got 1.01)']);
    expect(resolveThresholds(QualityDomain.ACADEMIC, { domain_coverage: 5 })[1]).toMatchObject({ min: 5, max: 10 });
  });

  it('max may equal min but not fall below it, and must be above 0', () => {
    expect(resolveThresholds(QualityDomain.BUSINESS, { risk_tolerance: { min: 0.7, max: 0.7 } })[3]).toMatchObject({ min: 0.7, max: 0.7 });
    expect(refusal(() => resolveThresholds(QualityDomain.BUSINESS, { risk_tolerance: { min: 0.7, max: 0.69 } }))).toEqual([
      'INVALID_THRESHOLD',
      'threshold "risk_tolerance": max must be a finite number > 0 and >= min (0.7) (got 0.69)',
    ]);
    expect(refusal(override('completeness', { min: 0, max: 0 }))[1]).toBe('threshold "completeness": max must be a finite number > 0 and >= min (0) (got 0)');
    expect(refusal(override('completeness', { max: Number.POSITIVE_INFINITY }))[0]).toBe('INVALID_THRESHOLD');
  });

  it('an explicit max: undefined removes the default maximum; a band without max has no max key', () => {
    const open = resolveThresholds(QualityDomain.BUSINESS, { risk_tolerance: { max: undefined } })[3];
    expect(Object.keys(open)).toEqual(['metric', 'min', 'required', 'weight']);
    expect(Object.keys(DEFAULT_THRESHOLDS.GENERIC[0])).toEqual(['metric', 'min', 'required', 'weight']);
    expect(Object.keys(DEFAULT_THRESHOLDS.BUSINESS[3])).toEqual(['metric', 'min', 'max', 'required', 'weight']);
    expect(Object.isFrozen(open)).toBe(true);
  });

  it('weights and minimums must be finite numbers >= 0; required must be a boolean', () => {
    for (const weight of [Number.NaN, Number.POSITIVE_INFINITY, -1, '1']) {
      expect(refusal(override('completeness', { weight } as unknown as ThresholdOverride))[1]).toBe(
        `threshold "completeness": weight must be a finite number >= 0 (got ${JSON.stringify(weight)})`,
      );
    }
    expect(resolveThresholds(QualityDomain.GENERIC, { completeness: { weight: 0 } })[1].weight).toBe(0);
    expect(refusal(override('completeness', -0.1))[1]).toBe('threshold "completeness": min must be a finite number >= 0 (got -0.1)');
    expect(refusal(override('completeness', { required: 'yes' } as unknown as ThresholdOverride))[1]).toBe(
      'threshold "completeness": required must be a boolean (got "yes")',
    );
    expect(resolveThresholds(QualityDomain.GENERIC, { completeness: { required: false } })[1].required).toBe(false);
  });
});

describe("a task's qualityThreshold (minimum overall score)", () => {
  it('0 and 1 are the bounds; anything outside or not a number is refused with the value', () => {
    expect(() => checkMinimumScore(0)).not.toThrow();
    expect(() => checkMinimumScore(1)).not.toThrow();
    expect(() => checkMinimumScore(undefined)).not.toThrow();
    for (const bad of [-0.01, 1.01, Number.NaN, '0.5']) {
      expect(refusal(() => checkMinimumScore(bad as number))).toEqual(['INVALID_THRESHOLD', `qualityThreshold must be a number in [0, 1] (got ${JSON.stringify(bad)})`]);
    }
  });
});

describe('the scorer when something throws inside it', () => {
  const task = (metadata = {}) => taskRequest({ agent: 'payment_processor', description: PAYMENT_TASK, metadata });

  it('an unexpected error is scorer_error, with no domain when none was resolved', () => {
    const scorer = createQualityScorer({
      resolveAgentDomain: () => {
        throw new TypeError('catalog unavailable');
      },
    });
    expect(scorer(task(), paymentOutput())).toEqual({ score: 0, approved: false, issues: ['scorer_error', 'catalog unavailable'] });
  });

  it('failFast is off by default: every unmet metric is listed', () => {
    const scorer = createQualityScorer({ resolveOutputSchema: () => PAYMENT_SCHEMA });
    const issues = scorer(task({ qualityDomain: 'SERVICE' }), paymentOutput({ status: 'declined' }))?.issues ?? [];
    expect(issues.filter((issue) => issue.endsWith('_not_met'))).toHaveLength(3);
    const fast = createQualityScorer({ resolveOutputSchema: () => PAYMENT_SCHEMA, failFast: true });
    expect((fast(task({ qualityDomain: 'SERVICE' }), paymentOutput({ status: 'declined' }))?.issues ?? []).filter((issue) => issue.endsWith('_not_met'))).toHaveLength(1);
  });
});
