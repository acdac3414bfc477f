import { parsePlan, validatePlan } from '../src';
import { exampleFiles, loadExample } from './helpers';

/** The distinct agent names a raw plan uses, in this format (`agent`) or the original framework's (`node_key`). */
function agentNamesOf(rawPlan: Record<string, unknown>): string[] {
  const tasks = rawPlan['tasks'] as { agent?: string; node_key?: string }[];
  return [...new Set(tasks.map((task) => task.agent ?? task.node_key ?? ''))];
}

describe('validatePlan on the example plans', () => {
  it('finds the example plans', () => {
    expect(exampleFiles()).toEqual(
      expect.arrayContaining([
        'custom-dependencies.json',
        'data-pipeline.json',
        'ecommerce-order.json',
        'original-format-plan.json',
        'uneven-pipelines.json',
      ]),
    );
  });

  it.each(exampleFiles())('%s validates with the agents it uses', (file) => {
    const raw = loadExample(file);
    const result = validatePlan(raw, { knownAgents: agentNamesOf(raw) });
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const rawTasks = raw['tasks'] as { id: string; dependencies: string[] }[];
    expect(result.plan.tasks.map((t) => t.id)).toEqual(rawTasks.map((t) => t.id));
    expect(result.plan.tasks.map((t) => t.dependencies)).toEqual(rawTasks.map((t) => t.dependencies));
    expect(result.plan.coordinationStrategy).toBe(raw['coordinationStrategy'] ?? raw['coordination_strategy']);
  });

  it.each(exampleFiles())('%s is rejected when its agents are unknown', (file) => {
    const raw = loadExample(file);
    const result = validatePlan(raw, { knownAgents: ['someone_else'] });
    expect(result.ok).toBe(false);
    expect(result.issues.every((issue) => issue.code === 'UNKNOWN_AGENT')).toBe(true);
    expect(result.issues).toHaveLength((raw['tasks'] as unknown[]).length);
  });

  it('accepts a predicate for known agents', () => {
    const raw = loadExample('ecommerce-order.json');
    const registered = new Set(agentNamesOf(raw));
    const asked: string[] = [];
    const isRegistered = (name: string): boolean => {
      asked.push(name);
      return registered.has(name);
    };
    expect(parsePlan(raw, { knownAgents: isRegistered }).tasks).toHaveLength(5);
    expect(asked).toEqual(['payment_processor', 'inventory_manager', 'shipping_agent', 'email_agent', 'sms_agent']);
  });

  it('returns a normalised copy and leaves the input untouched', () => {
    const raw = {
      $schema: './plan.schema.json',
      name: 'n',
      tasks: [
        { id: 'a', description: 'A', agent: 'simulator', input: { durationMs: 5 } },
        { id: 'b', description: 'B', agent: 'simulator', dependencies: ['a'] },
      ],
    };
    const before = JSON.parse(JSON.stringify(raw)) as unknown;
    const plan = parsePlan(raw);
    expect(raw).toEqual(before);
    expect(plan).toEqual({
      name: 'n',
      tasks: [
        { id: 'a', description: 'A', agent: 'simulator', dependencies: [], input: { durationMs: 5 } },
        { id: 'b', description: 'B', agent: 'simulator', dependencies: ['a'] },
      ],
    });
    expect(plan.tasks[1].dependencies).not.toBe(raw.tasks[1].dependencies);
    expect(plan.tasks[0].input).not.toBe(raw.tasks[0].input);
  });

  it('keeps every valid optional field', () => {
    const raw = {
      name: 'all',
      description: 'every field',
      request: 'do it all',
      coordinationStrategy: 'auto',
      parallelThreshold: 2,
      maxConcurrency: 4,
      tasks: [
        {
          id: 'a',
          description: 'A',
          agent: 'simulator',
          dependencies: [],
          input: { x: 1 },
          qualityDomain: 'CREATIVE',
          qualityThreshold: 0.5,
          estimatedDuration: 0,
          parallelSafe: false,
          priority: 'critical',
          timeoutMs: 1000,
          maxRetries: 0,
        },
        { id: 'b', description: 'B', agent: 'simulator', dependencies: ['a'], priority: -3 },
      ],
      criticalPath: ['a', 'b'],
      estimatedTotalTime: 2,
      estimatedParallelTime: 2,
      estimatedTimeSaved: 0,
      parallelGroups: [{ name: 'g', tasks: ['a'] }, { tasks: ['b'] }],
      qualityValidationPlan: { thresholds: { completeness: 0.9 } },
      resourceBreakdown: { simulator: { tasks: 2, estimatedMs: 2 } },
      risks: [{ description: 'slow upstream', severity: 'medium', taskId: 'a', mitigation: 'retry' }],
    };
    expect(parsePlan(raw)).toEqual(raw);
  });
});
