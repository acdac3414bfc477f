import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './processes';
import { REPO_ROOT } from './stack-files';

/** A task of a finished run, as GET /v1/runs/:id reports it. */
export interface TaskState {
  status: string;
  agent: string;
  attempts: number;
  servedBy?: string;
  qualityScore?: number;
}

export interface FinishedRun {
  runId: string;
  plan: string;
  status: string;
  strategy: string;
  tasks: Record<string, TaskState>;
}

const FINAL = new Set(['completed', 'partial', 'failed', 'cancelled']);

export const examplePlan = (name: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, 'examples', `${name}.json`), 'utf8'));

/** POST /v1/runs: the run id. */
export async function startRun(hostUrl: string, plan: unknown): Promise<string> {
  const response = await fetch(`${hostUrl}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan }) });
  const accepted = (await response.json()) as { runId?: string };
  if (response.status !== 201 && response.status !== 202) throw new Error(`POST /v1/runs: ${response.status} ${JSON.stringify(accepted)}`);
  return accepted.runId ?? '';
}

/** GET /v1/runs/:id until the run has ended. */
export function finishedRun(hostUrl: string, runId: string, plan: string): Promise<FinishedRun> {
  return eventually(`run ${plan} (${runId}) to end`, async () => {
    const run = (await (await fetch(`${hostUrl}/v1/runs/${runId}`)).json()) as Omit<FinishedRun, 'plan'>;
    return FINAL.has(run.status) ? { ...run, plan } : undefined;
  }, 120_000);
}

/** An example plan run to its end. */
export async function runExample(hostUrl: string, name: string): Promise<FinishedRun> {
  return finishedRun(hostUrl, await startRun(hostUrl, examplePlan(name)), name);
}

/** Counts of a key over items, as Prometheus `sum by` would give them. */
export function countBy<T>(items: readonly T[], key: (item: T) => string, weight: (item: T) => number = () => 1): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + weight(item);
  return counts;
}

/** The replica ids the host knows for an agent (GET /v1/agents). */
export async function replicasOf(hostUrl: string, agent: string): Promise<string[]> {
  const listed = (await (await fetch(`${hostUrl}/v1/agents`)).json()) as { items: { name: string; replicas?: { replicaId: string }[] }[] };
  return (listed.items.find((item) => item.name === agent)?.replicas ?? []).map((replica) => replica.replicaId);
}
