import { CycleError } from '@a2a-mcp/core-graph';
import { DEFAULT_TASK_DURATION_MS, analyzePlan, enrichPlan, parsePlan, validatePlan, type Plan } from '../src';
import { agentsOf, loadExample, task } from './helpers';

function example(file: string): Plan {
  const raw = loadExample(file);
  return parsePlan(raw, { knownAgents: agentsOf(raw) });
}

describe('analyzePlan', () => {
  it('ecommerce-order: the original framework levels, critical path payment -> shipping', () => {
    const analysis = analyzePlan(example('ecommerce-order.json'));
    expect(analysis.levels).toEqual([
      ['payment', 'inventory'],
      ['shipping', 'email', 'sms'],
    ]);
    expect(analysis.criticalPath).toEqual(['payment', 'shipping']);
    expect(analysis.criticalPathMs).toBe(100);
    expect(analysis.estimatedParallelTime).toBe(100);
    expect(analysis.estimatedTotalTime).toBe(210);
    expect(analysis.parallelPotential).toBeCloseTo(1 - 100 / 210, 10);
    expect(analysis.maxWidth).toBe(3);
    expect(analysis.resourceBreakdown).toEqual({
      payment_processor: { tasks: 1, estimatedMs: 50 },
      inventory_manager: { tasks: 1, estimatedMs: 40 },
      shipping_agent: { tasks: 1, estimatedMs: 50 },
      email_agent: { tasks: 1, estimatedMs: 40 },
      sms_agent: { tasks: 1, estimatedMs: 30 },
    });
  });

  it('data-pipeline: critical path validate -> aggregate = 60 ms of 130', () => {
    const analysis = analyzePlan(example('data-pipeline.json'));
    expect(analysis.levels).toEqual([['validate', 'analytics', 'notify'], ['aggregate']]);
    expect(analysis.criticalPath).toEqual(['validate', 'aggregate']);
    expect(analysis.criticalPathMs).toBe(60);
    expect(analysis.estimatedTotalTime).toBe(130);
    expect(analysis.parallelPotential).toBeCloseTo(70 / 130, 10);
    expect(analysis.maxWidth).toBe(3);
  });

  it('custom-dependencies: data_processing -> analytics -> reporting -> archival', () => {
    const analysis = analyzePlan(example('custom-dependencies.json'));
    expect(analysis.criticalPath).toEqual(['data_processing', 'analytics', 'reporting', 'archival']);
    expect(analysis.criticalPathMs).toBe(110);
    expect(analysis.estimatedTotalTime).toBe(120);
  });

  it(`uneven-pipelines: no estimatedDuration, so every task weighs ${DEFAULT_TASK_DURATION_MS} ms (input.durationMs is not read)`, () => {
    const analysis = analyzePlan(example('uneven-pipelines.json'));
    expect(DEFAULT_TASK_DURATION_MS).toBe(1);
    expect(analysis.levels).toEqual([
      ['fetch_news', 'fetch_market'],
      ['summarize_news', 'chart_market'],
      ['brief'],
    ]);
    // Both pipelines are three steps long; the first one found is kept.
    expect(analysis.criticalPath).toEqual(['fetch_news', 'summarize_news', 'brief']);
    expect(analysis.criticalPathMs).toBe(3);
    expect(analysis.estimatedTotalTime).toBe(5);
    expect(analysis.resourceBreakdown).toEqual({ simulator: { tasks: 5, estimatedMs: 5 } });
  });

  it('uses estimatedDuration when present, including 0', () => {
    const plan = parsePlan({
      tasks: [task('a', [], { estimatedDuration: 0 }), task('b', ['a'], { estimatedDuration: 7 }), task('c', ['a'])],
    });
    const analysis = analyzePlan(plan);
    expect(analysis.criticalPath).toEqual(['a', 'b']);
    expect(analysis.criticalPathMs).toBe(7);
    expect(analysis.estimatedTotalTime).toBe(8);
  });

  it('an empty plan has no length and no parallel potential', () => {
    expect(analyzePlan({ tasks: [] })).toEqual({
      levels: [],
      criticalPath: [],
      criticalPathMs: 0,
      estimatedTotalTime: 0,
      estimatedParallelTime: 0,
      parallelPotential: 0,
      maxWidth: 0,
      resourceBreakdown: {},
    });
  });

  it('a plan of zero-duration tasks has parallel potential 0', () => {
    const plan = parsePlan({ tasks: [task('a', [], { estimatedDuration: 0 }), task('b', [], { estimatedDuration: 0 })] });
    expect(analyzePlan(plan).parallelPotential).toBe(0);
  });

  it('throws CycleError on a cyclic plan that skipped validation', () => {
    const cyclic: Plan = {
      tasks: [
        { id: 'a', description: 'a', agent: 's', dependencies: ['b'] },
        { id: 'b', description: 'b', agent: 's', dependencies: ['a'] },
      ],
    };
    expect(() => analyzePlan(cyclic)).toThrow(CycleError);
  });
});

describe('enrichPlan', () => {
  it('fills the planner fields of ecommerce-order', () => {
    const plan = example('ecommerce-order.json');
    const enriched = enrichPlan(plan);
    expect(enriched.criticalPath).toEqual(['payment', 'shipping']);
    expect(enriched.estimatedTotalTime).toBe(210);
    expect(enriched.estimatedParallelTime).toBe(100);
    expect(enriched.parallelGroups).toEqual([
      { name: 'level-1', tasks: ['payment', 'inventory'] },
      { name: 'level-2', tasks: ['shipping', 'email', 'sms'] },
    ]);
    expect(enriched.resourceBreakdown?.['payment_processor']).toEqual({ tasks: 1, estimatedMs: 50 });
    expect(enriched.tasks).toEqual(plan.tasks);
    expect(enriched.coordinationStrategy).toBe('hybrid');
    expect(plan.criticalPath).toBeUndefined();
  });

  it('only groups levels of two or more tasks, numbered by level', () => {
    const plan = parsePlan({ tasks: [task('a'), task('b', ['a']), task('c', ['a']), task('d', ['b', 'c'])] });
    expect(enrichPlan(plan).parallelGroups).toEqual([{ name: 'level-2', tasks: ['b', 'c'] }]);
  });

  it('keeps risks and the quality validation plan, replaces stale derived values', () => {
    const plan = parsePlan({
      tasks: [task('a', [], { estimatedDuration: 5 })],
      criticalPath: [],
      estimatedTotalTime: 999,
      risks: [{ description: 'upstream may be slow', severity: 'low' }],
      qualityValidationPlan: { domain: 'GENERIC' },
    });
    const enriched = enrichPlan(plan);
    expect(enriched.risks).toEqual([{ description: 'upstream may be slow', severity: 'low' }]);
    expect(enriched.qualityValidationPlan).toEqual({ domain: 'GENERIC' });
    expect(enriched.criticalPath).toEqual(['a']);
    expect(enriched.estimatedTotalTime).toBe(5);
    expect(enriched.parallelGroups).toEqual([]);
  });

  it('produces a plan that validates', () => {
    const raw = loadExample('data-pipeline.json');
    const enriched = enrichPlan(parsePlan(raw));
    const result = validatePlan(JSON.parse(JSON.stringify(enriched)) as unknown, { knownAgents: agentsOf(raw) });
    expect(result.issues).toEqual([]);
    expect(result.ok && result.plan).toEqual(enriched);
  });
});
