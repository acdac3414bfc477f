import type { WorkflowNodeSpec } from '@a2a-mcp/core-graph';
import { WorkflowNode } from '@a2a-mcp/core-graph';
import { QUALITY_DOMAINS, parsePlan, type PlanTask } from '../src';

describe('plan types', () => {
  it('a PlanTask is a core-graph WorkflowNodeSpec (checked by tsc), so a validated task builds a node', () => {
    const planTask: PlanTask = {
      id: 'a',
      description: 'do a',
      agent: 'simulator',
      dependencies: [],
      qualityDomain: 'ANALYTICAL',
      priority: 'high',
      estimatedDuration: 7,
    };
    const spec: WorkflowNodeSpec = planTask;
    const node = new WorkflowNode(spec);
    expect(node.weight).toBe(7);
    expect(node.metadata.priority).toBe('high');
  });

  it('lists the original framework quality domains', () => {
    expect(QUALITY_DOMAINS).toEqual(['GENERIC', 'ANALYTICAL', 'BUSINESS', 'ACADEMIC', 'SERVICE', 'CREATIVE']);
  });

  it('a parsed plan feeds core-graph nodes unchanged', () => {
    const plan = parsePlan({ tasks: [{ id: 'x', description: 'x', agent: 'simulator', timeoutMs: 5 }] });
    const nodes = plan.tasks.map((t) => new WorkflowNode(t));
    expect(nodes[0].metadata.timeoutMs).toBe(5);
  });
});
