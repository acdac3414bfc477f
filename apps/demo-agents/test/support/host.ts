import { startApp } from '@a2a-mcp/host';
import type { INestApplication } from '@nestjs/common';

export interface Host {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** The real host, in this process, on a free loopback port, quiet. */
export async function startHost(env: Record<string, string>): Promise<Host> {
  const { app, url } = await startApp({ env: { SHUTDOWN_GRACE_MS: '100', LOG_LEVEL: 'error', ...env }, logger: false, port: 0, host: '127.0.0.1' });
  return { app, url, close: () => app.close() };
}

export interface RunOutcome {
  status: string;
  /** Task ids by status, sorted. */
  byStatus: Record<string, string[]>;
  tasks: Record<string, { status: string; attempts: number; agent: string }>;
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Submits `plan` and polls the run until it ends. */
export async function runToEnd(host: Host, plan: unknown, timeoutMs = 30_000): Promise<RunOutcome & { runId: string }> {
  const submitted = await postJson(`${host.url}/v1/runs`, { plan });
  if (submitted.status !== 202 && submitted.status !== 201) throw new Error(`run refused (${submitted.status}): ${JSON.stringify(submitted.body)}`);
  const runId = submitted.body.runId as string;
  const until = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await fetch(`${host.url}/v1/runs/${runId}`)).json()) as { status: string; tasks: RunOutcome['tasks'] };
    if (view.status !== 'running') {
      const byStatus: Record<string, string[]> = {};
      for (const [id, task] of Object.entries(view.tasks)) (byStatus[task.status] ??= []).push(id);
      for (const ids of Object.values(byStatus)) ids.sort();
      return { runId, status: view.status, byStatus, tasks: view.tasks };
    }
    if (Date.now() > until) throw new Error(`run ${runId} still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The `served by replica X over T` messages of a run's event stream, by task id. */
export async function servedBy(host: Host, runId: string): Promise<Record<string, string>> {
  const run = (await (await fetch(`${host.url}/v1/runs/${runId}`)).json()) as { tasks: Record<string, { servedBy?: string }> };
  const served: Record<string, string> = {};
  for (const [taskId, task] of Object.entries(run.tasks)) if (task.servedBy !== undefined) served[taskId] = task.servedBy;
  return served;
}
