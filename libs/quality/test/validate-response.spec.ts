import { QualityDomain, validateResponse, type QualityResult } from '../src';
import {
  ANALYTICS_SCHEMA,
  analyticsOutput,
  archiveOutput,
  DATA_PROCESSING_SCHEMA,
  dataProcessingOutput,
  PAYMENT_SCHEMA,
  PAYMENT_TASK,
  paymentOutput,
  REPORT_SCHEMA,
  REPORT_TASK,
  reportOutput,
} from './support/fixtures';

function expectApproved(result: QualityResult): void {
  expect(result.qualityIssues).toEqual([]);
  expect(result.qualityApproved).toBe(true);
  expect(result.thresholdResults.every((threshold) => threshold.passed)).toBe(true);
}

describe('validateResponse per domain', () => {
  describe('GENERIC', () => {
    it('approves a filled, confident, on-topic output', () => {
      const result = validateResponse(archiveOutput(), { description: 'Archive the report' });
      expectApproved(result);
      expect(result.domain).toBe(QualityDomain.GENERIC);
      // mean(completeness 1, accuracy 0.97, format 1, relevance 0.5 (terse floor: "report" is unmatched))
      expect(result.metrics.overall_quality).toBeCloseTo((1 + 0.97 + 1 + 0.5) / 4, 10);
      expect(result.metrics.completeness).toBe(1);
    });

    it('rejects a hollow, unsure output with overall_quality_not_met and completeness_not_met', () => {
      const result = validateResponse({ summary: '', headlines: null, confidence: 0.3 }, { description: 'Summarize the news' });
      expect(result.qualityApproved).toBe(false);
      expect(result.qualityIssues).toEqual(['overall_quality_not_met', 'completeness_not_met']);
      expect(result.metrics.completeness).toBeCloseTo(1 / 3, 10);
      expect(result.findings).toEqual(expect.arrayContaining(['empty_field:summary', 'empty_field:headlines']));
    });
  });

  describe('SERVICE', () => {
    it('approves a captured payment', () => {
      const result = validateResponse(paymentOutput(), { domain: QualityDomain.SERVICE, description: PAYMENT_TASK, outputSchema: PAYMENT_SCHEMA });
      expectApproved(result);
      expect(result.metrics).toEqual({ service_reliability: 1, response_accuracy: 0.98, user_satisfaction: 0.75 });
    });

    it('rejects a declined payment on every SERVICE metric', () => {
      const result = validateResponse(paymentOutput({ status: 'declined' }), {
        domain: QualityDomain.SERVICE,
        description: PAYMENT_TASK,
        outputSchema: PAYMENT_SCHEMA,
      });
      expect(result.qualityApproved).toBe(false);
      expect(result.qualityIssues).toEqual(['service_reliability_not_met', 'response_accuracy_not_met', 'user_satisfaction_not_met']);
      // min(format 1, completeness 5/6) halved by the error status.
      expect(result.metrics.service_reliability).toBeCloseTo((5 / 6) * 0.5, 10);
      expect(result.findings).toEqual(expect.arrayContaining(['invalid_field:status', 'error_status:declined']));
    });

    it('holds a pending service below its reliability bar', () => {
      const result = validateResponse({ messageId: 'sms-1', status: 'queued', confidence: 0.95 }, { domain: QualityDomain.SERVICE });
      expect(result.qualityIssues).toEqual(['service_reliability_not_met']);
      expect(result.metrics.service_reliability).toBeCloseTo(0.9, 10);
    });
  });

  describe('ANALYTICAL', () => {
    it('approves confident, complete analytics', () => {
      const result = validateResponse(analyticsOutput(), {
        domain: QualityDomain.ANALYTICAL,
        description: 'Compute customer analytics',
        outputSchema: ANALYTICS_SCHEMA,
      });
      expectApproved(result);
      expect(result.metrics).toEqual({ accuracy: 0.93, completeness: 1 });
    });

    it('rejects a data set with many rejects (low confidence) with accuracy_not_met', () => {
      const result = validateResponse(dataProcessingOutput({ rejected: 720, confidence: 0.7 }), {
        domain: QualityDomain.ANALYTICAL,
        outputSchema: DATA_PROCESSING_SCHEMA,
      });
      expect(result.qualityIssues).toEqual(['accuracy_not_met']);
    });

    it('rejects a result without its schema version with completeness_not_met', () => {
      const output = dataProcessingOutput();
      delete output.schemaVersion;
      const result = validateResponse(output, { domain: QualityDomain.ANALYTICAL, outputSchema: DATA_PROCESSING_SCHEMA });
      expect(result.qualityIssues).toEqual(['completeness_not_met']);
      expect(result.metrics.completeness).toBe(0.75);
      expect(result.findings).toContain('missing_field:schemaVersion');
    });

    it('does not trust analytics that report no confidence', () => {
      const output = analyticsOutput();
      delete output.confidence;
      const result = validateResponse(output, { domain: QualityDomain.ANALYTICAL });
      expect(result.qualityIssues).toEqual(['accuracy_not_met']);
      expect(result.findings).toContain('confidence_not_reported');
    });
  });

  describe('BUSINESS', () => {
    it('approves a backed report; risk_tolerance defaults inside its band', () => {
      const result = validateResponse(reportOutput(), { domain: QualityDomain.BUSINESS, description: REPORT_TASK, outputSchema: REPORT_SCHEMA });
      expectApproved(result);
      expect(result.metrics).toEqual({ confidence_score: 0.9, technical_feasibility: 1, personal_sustainability: 1, risk_tolerance: 0.7 });
      // risk_tolerance counts ÷ its max 0.8.
      expect(result.qualityScore).toBeCloseTo((0.9 + 1 + 1 + 0.7 / 0.8) / 4, 10);
      expect(result.thresholdResults[3]).toEqual({ metric: 'risk_tolerance', value: 0.7, min: 0.6, max: 0.8, passed: true });
    });

    it('rejects an unsure report with a reckless reported risk appetite', () => {
      const result = validateResponse(reportOutput({ confidence: 0.6, risk_tolerance: 0.95 }), {
        domain: QualityDomain.BUSINESS,
        description: REPORT_TASK,
        outputSchema: REPORT_SCHEMA,
      });
      expect(result.qualityIssues).toEqual(['confidence_score_not_met', 'risk_tolerance_not_met']);
      expect(result.metrics.risk_tolerance).toBe(0.95);
    });
  });

  describe('ACADEMIC', () => {
    const description = 'Review the literature on DAG scheduling heuristics';
    const review = {
      title: 'DAG scheduling heuristics: a literature review',
      sections: [
        { heading: 'List scheduling', body: 'HEFT and CPOP rank tasks by upward rank.' },
        { heading: 'Clustering', body: 'Edge zeroing merges heavy communication paths.' },
        { heading: 'Duplication', body: 'Task duplication trades work for latency.' },
        { heading: 'Evaluation', body: 'Benchmarks use random and application DAGs.' },
      ],
      references: ['Topcuoglu et al. 2002', 'Kwok and Ahmad 1999'],
      confidence: 0.85,
    };

    it('approves a sectioned review; domain_coverage counts the sections', () => {
      const result = validateResponse(review, { domain: QualityDomain.ACADEMIC, description });
      expectApproved(result);
      expect(result.metrics).toEqual({
        research_confidence: 0.85,
        domain_coverage: 4,
        evidence_quality: 1,
        bias_detection: 0.6,
        methodological_rigor: 1,
      });
      // domain_coverage counts ÷ its max 10.
      expect(result.qualityScore).toBeCloseTo((0.85 + 0.4 + 1 + 0.6 + 1) / 5, 10);
    });

    it('rejects a one-line, unsure answer that reports its own poor bias check', () => {
      const result = validateResponse(
        { summary: 'Heuristics work well.', confidence: 0.5, quality: { bias_detection: 0.4 } },
        { domain: QualityDomain.ACADEMIC, description },
      );
      expect(result.qualityIssues).toEqual(['research_confidence_not_met', 'domain_coverage_not_met', 'bias_detection_not_met']);
      expect(result.metrics.domain_coverage).toBe(1);
    });

    it('rejects coverage above the maximum of 10', () => {
      const sections = Array.from({ length: 12 }, (_, index) => ({ heading: `Part ${index}`, body: 'text' }));
      const result = validateResponse({ ...review, sections }, { domain: QualityDomain.ACADEMIC, description });
      expect(result.qualityIssues).toEqual(['domain_coverage_not_met']);
      expect(result.thresholdResults[1]).toEqual({ metric: 'domain_coverage', value: 12, min: 2, max: 10, passed: false });
    });
  });

  describe('CREATIVE', () => {
    const description = 'Write a poem about the sea at night';

    it('approves an original, on-topic piece', () => {
      const poem = {
        title: 'Night Harbour',
        poem: 'Lanterns sway above the sleeping sea, / salt wind hums through rigging and rope, / the moon lays silver roads to nowhere.',
        confidence: 0.9,
      };
      const result = validateResponse(poem, { domain: QualityDomain.CREATIVE, description });
      expectApproved(result);
      expect(result.metrics.originality).toBeGreaterThan(0.8);
      expect(result.metrics.coherence).toBe(1);
    });

    it('rejects a piece that only echoes the request with originality_not_met', () => {
      const result = validateResponse({ poem: 'A poem about the sea at night' }, { domain: QualityDomain.CREATIVE, description });
      expect(result.qualityIssues).toEqual(['originality_not_met']);
      expect(result.metrics.originality).toBe(0);
    });
  });
});

describe('validateResponse rules', () => {
  it('lets metrics the agent reports win over derived ones (quality.<metric> first, then <metric>, camelCase too)', () => {
    const result = validateResponse(
      { ...paymentOutput(), quality: { service_reliability: 0.99 }, userSatisfaction: 0.9, response_accuracy: 0.85 },
      { domain: QualityDomain.SERVICE },
    );
    expect(result.metrics).toEqual({ service_reliability: 0.99, response_accuracy: 0.85, user_satisfaction: 0.9 });
  });

  it('treats an agent-reported qualityScore as its overall_quality (the simulator)', () => {
    const result = validateResponse({ taskId: 'brief', attempt: 1, qualityScore: 0.3 }, { description: 'Write the morning brief' });
    expect(result.metrics.overall_quality).toBe(0.3);
    expect(result.qualityIssues).toEqual(['overall_quality_not_met']);
  });

  it('ignores a reported metric outside [0, 1] with a warning and derives it instead', () => {
    const result = validateResponse({ ...paymentOutput(), response_accuracy: 98 }, { domain: QualityDomain.SERVICE });
    expect(result.metrics.response_accuracy).toBe(0.98);
    expect(result.warnings).toEqual(['reported_out_of_range:response_accuracy=98']);
  });

  it('clamps the score to [0, 1] and reports it for any output, even nothing', () => {
    const result = validateResponse(undefined, { domain: QualityDomain.SERVICE });
    expect(result.qualityApproved).toBe(false);
    expect(result.qualityScore).toBeGreaterThanOrEqual(0);
    expect(result.qualityScore).toBeLessThan(0.5);
    expect(result.findings).toContain('empty_output');
  });

  describe('per-run overrides', () => {
    it('raise a minimum', () => {
      const result = validateResponse(paymentOutput(), {
        domain: QualityDomain.SERVICE,
        description: PAYMENT_TASK,
        outputSchema: PAYMENT_SCHEMA,
        thresholds: { response_accuracy: 0.99 },
      });
      expect(result.qualityIssues).toEqual(['response_accuracy_not_met']);
      expect(result.thresholdResults[1]).toEqual({ metric: 'response_accuracy', value: 0.98, min: 0.99, passed: false });
    });

    it('widen a band with {min, max}', () => {
      const output = reportOutput({ risk_tolerance: 0.85 });
      const context = { domain: QualityDomain.BUSINESS, description: REPORT_TASK, outputSchema: REPORT_SCHEMA };
      expect(validateResponse(output, context).qualityIssues).toEqual(['risk_tolerance_not_met']);
      expect(validateResponse(output, { ...context, thresholds: { risk_tolerance: { min: 0.5, max: 0.9 } } }).qualityApproved).toBe(true);
    });

    it('add metrics the domain does not list, derived from the aspects (the original framework’s orchestrator thresholds)', () => {
      const context = { thresholds: { completeness: 0.9, accuracy: 0.95 }, description: 'Archive the report' };
      expect(validateResponse(archiveOutput(), context).qualityApproved).toBe(true);
      const result = validateResponse(archiveOutput({ confidence: 0.9 }), context);
      expect(result.qualityIssues).toEqual(['accuracy_not_met']);
      expect(result.thresholdResults.map((threshold) => threshold.metric)).toEqual(['overall_quality', 'completeness', 'accuracy']);
    });

    it('report a required metric nothing can compute as <metric>_missing, an optional one not at all', () => {
      const required = validateResponse(archiveOutput(), { thresholds: { citation_ratio: 0.5 } });
      expect(required.qualityIssues).toEqual(['citation_ratio_missing']);
      expect(required.thresholdResults[2]).toEqual({ metric: 'citation_ratio', value: null, min: 0.5, passed: false });

      const optional = validateResponse(archiveOutput(), { thresholds: { citation_ratio: { min: 0.5, required: false } } });
      expect(optional.qualityApproved).toBe(true);
      expect(optional.thresholdResults).toHaveLength(2);

      const reported = validateResponse(archiveOutput({ quality: { citation_ratio: 0.8 } }), { thresholds: { citation_ratio: 0.5 } });
      expect(reported.qualityApproved).toBe(true);
      expect(reported.metrics.citation_ratio).toBe(0.8);
    });

    it('weigh metrics in the score', () => {
      const output = validateResponse(paymentOutput(), {
        domain: QualityDomain.SERVICE,
        description: PAYMENT_TASK,
        thresholds: { user_satisfaction: { weight: 0 } },
      });
      expect(output.qualityScore).toBeCloseTo((1 + 0.98) / 2, 10);
    });
  });

  describe('per-task minimum score (qualityThreshold)', () => {
    const context = { domain: QualityDomain.SERVICE, description: PAYMENT_TASK, outputSchema: PAYMENT_SCHEMA };

    it('rejects an output whose score is below it with quality_threshold_not_met', () => {
      const result = validateResponse(paymentOutput(), { ...context, minimumScore: 0.95 });
      expect(result.qualityScore).toBeCloseTo((1 + 0.98 + 0.75) / 3, 10);
      expect(result.qualityIssues).toEqual(['quality_threshold_not_met']);
      expect(result.qualityApproved).toBe(false);
    });

    it('approves at or above it', () => {
      expect(validateResponse(paymentOutput(), { ...context, minimumScore: 0.9 }).qualityApproved).toBe(true);
      expect(validateResponse(paymentOutput(), { ...context, minimumScore: 0.91 }).qualityApproved).toBe(true);
    });

    it('must lie in [0, 1]', () => {
      expect(() => validateResponse(paymentOutput(), { ...context, minimumScore: 1.5 })).toThrow(
        expect.objectContaining({ code: 'INVALID_THRESHOLD' }),
      );
    });
  });

  describe('strictMode (a validator that throws)', () => {
    // "money" is no JSON type: ajv refuses to compile the schema, so every schema-based validator throws.
    const brokenSchema = { ...PAYMENT_SCHEMA, properties: { ...PAYMENT_SCHEMA.properties, amount: { type: 'money' } } };
    const context = { domain: QualityDomain.SERVICE, description: PAYMENT_TASK, outputSchema: brokenSchema };

    it('fails closed by default: validator_error rejects even a good output', () => {
      const result = validateResponse(paymentOutput(), context);
      expect(result.qualityApproved).toBe(false);
      expect(result.qualityIssues[0]).toBe('validator_error');
      expect(result.findings[0]).toMatch(/^validator_error:completeness: output schema cannot be compiled: schema is invalid/);
      expect(result.aspects.completeness.score).toBe(0);
    });

    it('fails open when strictMode is false: judged as without a schema, with warnings', () => {
      const result = validateResponse(paymentOutput(), { ...context, strictMode: false });
      expect(result.qualityApproved).toBe(true);
      expect(result.warnings.map((warning) => warning.split(':')[1])).toEqual(['completeness', 'accuracy', 'format']);
    });

    it('still rejects a bad output when failing open', () => {
      const result = validateResponse(paymentOutput({ status: 'declined' }), { ...context, strictMode: false });
      expect(result.qualityIssues).toEqual(['service_reliability_not_met', 'response_accuracy_not_met']);
    });

    it('covers outputs that throw when read', () => {
      const hostile = Object.defineProperty({ orderId: '1' }, 'status', {
        enumerable: true,
        get() {
          throw new Error('boom');
        },
      });
      const strict = validateResponse(hostile, { domain: QualityDomain.SERVICE });
      expect(strict.qualityApproved).toBe(false);
      expect(strict.qualityIssues[0]).toBe('validator_error');
      const open = validateResponse(hostile, { domain: QualityDomain.SERVICE, strictMode: false });
      expect(open.qualityIssues).not.toContain('validator_error');
      expect(open.warnings.length).toBeGreaterThan(0);
    });
  });

  describe('failFast', () => {
    const context = { domain: QualityDomain.SERVICE, description: PAYMENT_TASK, outputSchema: PAYMENT_SCHEMA };

    it('stops at the first issue; the score still covers every metric', () => {
      const declined = paymentOutput({ status: 'declined' });
      const full = validateResponse(declined, context);
      const fast = validateResponse(declined, { ...context, failFast: true });
      expect(full.qualityIssues).toHaveLength(3);
      expect(fast.qualityIssues).toEqual(['service_reliability_not_met']);
      expect(fast.thresholdResults).toHaveLength(1);
      expect(fast.qualityApproved).toBe(false);
      expect(fast.qualityScore).toBe(full.qualityScore);
    });

    it('changes nothing for a passing output', () => {
      expect(validateResponse(paymentOutput(), { ...context, failFast: true }).thresholdResults).toHaveLength(3);
    });
  });
});
