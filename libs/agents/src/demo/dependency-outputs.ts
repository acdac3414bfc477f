import type { TaskRequest } from '@a2a-mcp/core-graph';
import { stableHash } from '../support/stable-id';
import { invalidInput, isRecord } from '../support/task-input';

/**
 * The first dependency output (by dependency id, for determinism) that has all `keys`.
 * Agents recognise upstream results by shape, so any plan wiring works, not just the demo's ids.
 */
export function findDependencyOutput(task: TaskRequest, ...keys: string[]): Record<string, unknown> | undefined {
  for (const id of Object.keys(task.dependencyOutputs).sort()) {
    const output = task.dependencyOutputs[id];
    if (isRecord(output) && keys.every((key) => key in output)) return output;
  }
  return undefined;
}

/** Dependency outputs in dependency-id order, as `[id, output]` pairs. */
export function dependencyEntries(task: TaskRequest): Array<[string, unknown]> {
  return Object.keys(task.dependencyOutputs)
    .sort()
    .map((id) => [id, task.dependencyOutputs[id]]);
}

// "#1042", "order 1042", "order no. 1042", "order number A-17".
const HASH_ORDER = /#\s*([A-Za-z0-9][\w-]*)/;
const WORD_ORDER = /\border\s+(?:(?:no\.?|number)\s*)?#?(\d[\w-]*)/i;

/**
 * The order a commerce task is about: `input.orderId`, else a number in the description, else an
 * upstream output's `orderId`, else one derived from the run id (so sibling tasks agree on it).
 */
export function resolveOrderId(task: TaskRequest): string {
  const given = task.input.orderId;
  if (given !== undefined) {
    if (typeof given === 'string' && given.trim().length > 0) return given.trim().replace(/^#/, '');
    if (typeof given === 'number' && Number.isInteger(given) && given >= 0) return String(given);
    throw invalidInput(task, 'orderId', 'a non-empty string or a non-negative integer', given);
  }
  const described = HASH_ORDER.exec(task.description) ?? WORD_ORDER.exec(task.description);
  if (described) return described[1];
  // The payment names the order that is really being processed; prefer it over other upstreams.
  const upstream = (findDependencyOutput(task, 'transactionId', 'orderId') ?? findDependencyOutput(task, 'orderId'))?.orderId;
  if (typeof upstream === 'string' && upstream.length > 0) return upstream;
  return `ORD-${(stableHash(task.runId) % 100000).toString().padStart(5, '0')}`;
}
