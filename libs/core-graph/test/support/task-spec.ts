import type { WorkflowNodeSpec } from '../../src';

/** A plan task on the test agent `sim`: `input` drives SimExecutor, `extra` sets metadata. */
export const task = (id: string, dependencies: string[] = [], input: Record<string, unknown> = {}, extra: Partial<WorkflowNodeSpec> = {}): WorkflowNodeSpec => ({
  id,
  description: `do ${id}`,
  agent: 'sim',
  dependencies,
  input,
  ...extra,
});
