import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanIssue, PlanValidationResult } from '../src';

/** The repository's examples/ folder (the plans the README, tests and benchmarks share). */
export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'examples');

/** Configuration files beside the plans: custom dependency rules (`*-rules.json`) and the MCP_SERVERS example. */
const CONFIG_FILE = /-rules\.json$|^mcp-servers\.json$/;

/** The example plans: every examples/*.json but the configuration files. */
export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((name) => name.endsWith('.json') && !CONFIG_FILE.test(name))
    .sort();
}

export function loadExample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Record<string, unknown>;
}

/** The distinct agent names a raw plan uses. */
export function agentsOf(rawPlan: Record<string, unknown>): string[] {
  const tasks = rawPlan['tasks'] as { agent: string }[];
  return [...new Set(tasks.map((task) => task.agent))];
}

/** A minimal valid task; `extra` overrides or adds fields (raw, so tests can pass bad values). */
export function task(id: string, dependencies: string[] = [], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, description: `do ${id}`, agent: 'simulator', dependencies, ...extra };
}

/** The issues of a failed validation; fails the test when the plan was accepted. */
export function issuesOf(result: PlanValidationResult): PlanIssue[] {
  if (result.ok) throw new Error('expected the plan to be rejected, but it validated');
  return result.issues;
}

/** A chain t0 <- t1 <- … of `length` tasks, built without recursion. */
export function chain(length: number): Record<string, unknown>[] {
  return Array.from({ length }, (_, i) => task(`t${i}`, i === 0 ? [] : [`t${i - 1}`]));
}
