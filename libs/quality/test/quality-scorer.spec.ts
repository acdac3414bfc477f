import { runWorkflow, WorkflowGraph, type TaskExecutor } from '@a2a-mcp/core-graph';
import Ajv from 'ajv';
import { createQualityScorer, QualityDomain, QualityError } from '../src';
import { PAYMENT_SCHEMA, PAYMENT_TASK, paymentOutput, taskRequest } from './support/fixtures';

const schemas: Record<string, typeof PAYMENT_SCHEMA> = { payment_processor: PAYMENT_SCHEMA };
const paymentTask = (metadata = {}) => taskRequest({ agent: 'payment_processor', description: PAYMENT_TASK, metadata });

describe('createQualityScorer', () => {
  const scorer = createQualityScorer({ resolveOutputSchema: (agent) => schemas[agent] });

  it('returns undefined for every task when disabled', () => {
    expect(createQualityScorer({ enabled: false })(paymentTask(), paymentOutput())).toBeUndefined();
  });

  it("judges in the task's domain (any case) against its agent's schema", () => {
    const verdict = scorer(paymentTask({ qualityDomain: 'service' }), paymentOutput());
    expect(verdict).toEqual({
      score: expect.closeTo((1 + 0.98 + 0.75) / 3, 10) as unknown as number,
      approved: true,
      issues: [],
      domain: 'SERVICE',
      metrics: { service_reliability: 1, response_accuracy: 0.98, user_satisfaction: 0.75 },
    });
  });

  it('uses the default domain when the task names none, else GENERIC', () => {
    expect(scorer(paymentTask(), paymentOutput())?.domain).toBe('GENERIC');
    const serviceByDefault = createQualityScorer({ defaultDomain: QualityDomain.SERVICE });
    expect(serviceByDefault(paymentTask(), paymentOutput())?.domain).toBe('SERVICE');
  });

  it("falls back on the agent's own domain before the default", () => {
    const byAgent = createQualityScorer({ resolveAgentDomain: (agent) => (agent === 'payment_processor' ? 'SERVICE' : undefined) });
    expect(byAgent(paymentTask(), paymentOutput())?.domain).toBe('SERVICE');
    expect(byAgent(paymentTask({ qualityDomain: 'ANALYTICAL' }), paymentOutput())?.domain).toBe('ANALYTICAL');
    expect(byAgent(taskRequest(), { ok: true })?.domain).toBe('GENERIC');
  });

  it("applies the task's qualityThreshold as the minimum score", () => {
    const verdict = scorer(paymentTask({ qualityDomain: 'SERVICE', qualityThreshold: 0.95 }), paymentOutput());
    expect(verdict?.approved).toBe(false);
    expect(verdict?.issues).toEqual(['quality_threshold_not_met', 'unmatched_terms:charg,customer,card']);
  });

  it('gives a rejected output its issue codes followed by the findings behind them', () => {
    const output = paymentOutput();
    delete output.transactionId;
    const verdict = scorer(paymentTask({ qualityDomain: 'SERVICE' }), output);
    expect(verdict?.approved).toBe(false);
    expect(verdict?.issues).toEqual([
      'service_reliability_not_met',
      'user_satisfaction_not_met',
      'missing_field:transactionId',
      'unmatched_terms:charg,customer,card',
    ]);
  });

  it('applies per-run overrides to every task', () => {
    const strict = createQualityScorer({ thresholds: { response_accuracy: 0.99 }, resolveOutputSchema: (agent) => schemas[agent] });
    expect(strict(paymentTask({ qualityDomain: 'SERVICE' }), paymentOutput())?.issues?.[0]).toBe('response_accuracy_not_met');
  });

  it('refuses bad per-run overrides when created', () => {
    expect(() => createQualityScorer({ thresholds: { completeness: 0.95 } })).not.toThrow();
    expect(() => createQualityScorer({ thresholds: { completeness: Number.NaN } })).toThrow(QualityError);
  });

  it('never throws inside the engine: an unknown domain or a bad threshold is a rejected verdict', () => {
    const unknown = scorer(paymentTask({ qualityDomain: 'MEDICAL' }), paymentOutput());
    expect(unknown).toEqual({ score: 0, approved: false, issues: ['unknown_quality_domain', expect.stringContaining('"MEDICAL"')] });
    const badThreshold = scorer(paymentTask({ qualityThreshold: 7 }), paymentOutput());
    expect(badThreshold?.approved).toBe(false);
    expect(badThreshold?.issues?.[0]).toBe('invalid_threshold');
    expect(badThreshold?.domain).toBe('GENERIC');
  });

  it('fails closed on a broken agent schema unless strictMode is false', () => {
    const broken = { resolveOutputSchema: () => ({ type: 'object', properties: { orderId: { type: 'text' } } }) };
    expect(createQualityScorer(broken)(paymentTask(), paymentOutput())?.issues?.[0]).toBe('validator_error');
    expect(createQualityScorer({ ...broken, strictMode: false })(paymentTask(), paymentOutput())?.approved).toBe(true);
  });

  it('rejects a simulator output that grades itself low', () => {
    const verdict = scorer(taskRequest({ description: 'Simulate a flaky upstream' }), { taskId: 'task-1', attempt: 1, qualityScore: 0.2 });
    expect(verdict?.approved).toBe(false);
    expect(verdict?.metrics?.overall_quality).toBe(0.2);
  });

  it('compiles an agent’s schema once, not once per task', () => {
    // A schema without precompiled code, so ajv compiles it (once) on the first output.
    const custom = { ...PAYMENT_SCHEMA, title: 'compiled once per scorer run' };
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      const lazy = createQualityScorer({ resolveOutputSchema: () => custom });
      for (let index = 0; index < 200; index++) lazy({ ...paymentTask({ qualityDomain: 'SERVICE' }), taskId: `t${index}` }, paymentOutput());
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });
});

describe('the scorer as the engine hook', () => {
  const graph = () =>
    WorkflowGraph.fromSpecs([
      { id: 'good', description: 'Summarize the news', agent: 'simulator', input: { output: { summary: 'Markets rose.', confidence: 0.9 } } },
      { id: 'poor', description: 'Summarize the news', agent: 'simulator', input: { output: { summary: '', qualityScore: 0.2 } }, maxRetries: 1 },
    ]);
  const executor: TaskExecutor = { execute: (task) => Promise.resolve(task.input.output) };

  it('reports scores on task_complete and retries then fails a poor output under the retry policy', async () => {
    const run = runWorkflow(graph(), executor, { scoreOutput: createQualityScorer(), qualityPolicy: 'retry', retry: { baseDelayMs: 0, qualityRetries: 1 } });
    const result = await run.result;
    expect(result.successful).toEqual(['good']);
    expect(result.tasks.good.qualityScore).toBeGreaterThan(0.9);
    expect(result.failed).toEqual(['poor']);
    expect(result.tasks.poor.attempts).toBe(2);
    expect(result.tasks.poor.error?.code).toBe('QUALITY_BELOW_THRESHOLD');
    expect(result.tasks.poor.error?.message).toContain('overall_quality_not_met');
  });

  it('only reports under warn', async () => {
    const result = await runWorkflow(graph(), executor, { scoreOutput: createQualityScorer(), qualityPolicy: 'warn' }).result;
    expect(result.successful.sort()).toEqual(['good', 'poor']);
    expect(result.tasks.poor.qualityScore).toBeLessThan(0.7);
  });
});
