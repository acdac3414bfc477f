import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AgentCard } from '@a2a-mcp/agents';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { LocalHttpServer } from './local-http-server';

/** A run the fake host holds: its list entry, and the events `watch` replays. */
export interface FakeRun {
  runId: string;
  status: string;
  events: WorkflowEvent[];
}

/**
 * A small stand-in for the orchestrator's HTTP API, speaking its JSON shapes: GET /v1/runs (newest
 * first, `limit` and an opaque `cursor`), GET /v1/runs/:id, DELETE /v1/runs/:id (409 RUN_FINISHED
 * once a run ended), GET /v1/runs/:id/events and GET /v1/agents. It records every request line.
 */
export class FakeHost extends LocalHttpServer {
  readonly requests: string[] = [];

  constructor(
    readonly runs: FakeRun[],
    private readonly agents: AgentCard[] = [],
  ) {
    super();
  }

  protected handle(req: IncomingMessage, res: ServerResponse): void {
    this.requests.push(`${req.method} ${req.url}`);
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/v1\/runs\/([^/]+)(\/events)?$/.exec(url.pathname);
    const run = match ? this.runs.find((candidate) => candidate.runId === decodeURIComponent(match[1])) : undefined;
    if (req.method === 'GET' && url.pathname === '/v1/agents') return json(res, 200, { items: this.agents });
    if (req.method === 'GET' && url.pathname === '/v1/runs') return this.list(res, url.searchParams);
    if (match && !run) return json(res, 404, { statusCode: 404, code: 'RUN_NOT_FOUND', message: `no run ${decodeURIComponent(match[1])}` });
    if (run && req.method === 'GET' && match?.[2] === '/events') return this.stream(res, run);
    if (run && req.method === 'GET') return json(res, 200, details(run));
    if (run && req.method === 'DELETE') {
      if (run.status !== 'running') return json(res, 409, { statusCode: 409, code: 'RUN_FINISHED', message: `run ${run.runId} already ended (${run.status})` });
      run.status = 'cancelled';
      return json(res, 202, { runId: run.runId, status: 'cancelled' });
    }
    json(res, 404, { statusCode: 404, code: 'NOT_FOUND', message: 'no such route' });
  }

  private list(res: ServerResponse, query: URLSearchParams): void {
    const limit = Number(query.get('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return json(res, 400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'limit must not be greater than 100' });
    }
    const start = Number(query.get('cursor') ?? 0);
    const items = this.runs.slice(start, start + limit).map((run) => ({
      runId: run.runId,
      status: run.status,
      strategy: 'hybrid',
      createdAt: '2026-01-01T00:00:00.000Z',
      taskCount: 5,
      successful: run.status === 'completed' ? 5 : 0,
      failed: 0,
      skipped: 0,
    }));
    const next = start + limit < this.runs.length ? { nextCursor: String(start + limit) } : {};
    json(res, 200, { items, ...next });
  }

  private stream(res: ServerResponse, run: FakeRun): void {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const event of run.events) res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    res.end();
  }
}

function details(run: FakeRun): Record<string, unknown> {
  const complete = run.events.find((event) => event.type === 'workflow_complete');
  const result = complete?.type === 'workflow_complete' ? complete.result : undefined;
  const tasks = result === undefined ? {} : Object.fromEntries(Object.entries(result.tasks).map(([id, task]) => [id, { status: task.status, agent: task.agent, attempts: task.attempts, durationMs: task.durationMs, dependencies: [] }]));
  return { runId: run.runId, status: run.status, strategy: 'hybrid', strategyReason: 'plan coordinationStrategy hybrid', createdAt: '2026-01-01T00:00:00.000Z', tasks, ...(result ? { result } : {}) };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
