import type { IncomingMessage, ServerResponse } from 'node:http';
import { ParallelWorkflowGraph, VirtualClock, runWorkflow, type WorkflowEvent } from '@a2a-mcp/core-graph';
import { createDemoRegistry } from '@a2a-mcp/agents';
import { readFileSync } from 'node:fs';
import { examplePath, runCli } from './support/fake-io';
import { LocalHttpServer } from './support/local-http-server';

/**
 * A stand-in orchestrator speaking the HTTP contract (POST /v1/runs, SSE with Last-Event-ID,
 * DELETE): it replays a real engine run's event log and drops the first stream after three events.
 */
class FakeOrchestrator extends LocalHttpServer {
  readonly lastEventIds: string[] = [];
  readonly posted: unknown[] = [];
  cancelled = 0;

  constructor(
    private readonly log: WorkflowEvent[],
    private readonly options: { dropAfter?: number; rejectWith?: { status: number; body: unknown } } = {},
  ) {
    super();
  }

  private dropped = false;

  /** Writes the log after `after`; the first stream opened drops after `dropAfter` events. */
  private stream(res: ServerResponse, after: number, mayDrop: boolean): void {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(': connected\n\n');
    const drop = mayDrop && this.options.dropAfter !== undefined;
    this.log
      .filter((e) => e.seq > after)
      .forEach((event, i) => {
        if (drop && i >= (this.options.dropAfter as number)) return;
        res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      });
    if (drop) {
      this.dropped = true;
      // The connection drops mid-run (after the written events reached the client).
      setTimeout(() => res.destroy(), 30);
    } else {
      res.end();
    }
  }

  protected handle(req: IncomingMessage, res: ServerResponse): void {
    if (req.method === 'POST' && req.url === '/v1/runs/stream') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        this.posted.push(JSON.parse(body));
        const reject = this.options.rejectWith;
        if (reject) {
          res.writeHead(reject.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(reject.body));
          return;
        }
        res.setHeader('x-run-id', 'run-1');
        this.stream(res, 0, true);
      });
      return;
    }
    if (req.method === 'DELETE') {
      this.cancelled++;
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    if (req.method === 'GET' && req.url === '/v1/runs/run-1') {
      // watch looks the id up first (it may be a prefix).
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ runId: 'run-1', status: 'running', strategy: 'hybrid', createdAt: '2026-01-01T00:00:00.000Z', tasks: {} }));
      return;
    }
    if (req.method === 'GET' && req.url === '/v1/runs/run-1/events') {
      this.lastEventIds.push(String(req.headers['last-event-id']));
      this.stream(res, Number(req.headers['last-event-id'] ?? 0), !this.dropped);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ statusCode: 404, code: 'RUN_NOT_FOUND', message: 'no such run' }));
  }
}

async function recordedRun(): Promise<WorkflowEvent[]> {
  const plan = JSON.parse(readFileSync(examplePath('ecommerce-order.json'), 'utf8')) as { tasks: [] };
  const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(plan.tasks), createDemoRegistry(), { runId: 'run-1', strategy: 'hybrid', clock: new VirtualClock() });
  const log: WorkflowEvent[] = [];
  for await (const event of run) log.push(event);
  return log;
}

describe('--server mode and watch', () => {
  let log: WorkflowEvent[];
  beforeAll(async () => {
    log = await recordedRun();
  });

  it('starts the run with a streaming POST, and resumes after a drop without gaps or duplicates', async () => {
    const fake = new FakeOrchestrator(log, { dropAfter: 3 });
    const url = await fake.start();
    try {
      const { code, stdout } = await runCli(['run', examplePath('ecommerce-order.json'), '--server', url, '--strategy', 'hybrid', '--json']);
      expect(code).toBe(0);
      const result = JSON.parse(stdout) as { runId: string; status: string; successful: string[] };
      expect(result).toMatchObject({ runId: 'run-1', status: 'completed' });
      expect(result.successful).toHaveLength(5);
      // One request started the run and streamed it; after the drop, GET resumed after event 3.
      expect(fake.lastEventIds).toEqual(['3']);
      expect(fake.posted[0]).toMatchObject({ strategy: 'hybrid', plan: { tasks: expect.arrayContaining([expect.objectContaining({ id: 'payment' })]) } });
    } finally {
      await fake.stop();
    }
  });

  it('watch follows an existing run and renders the same table', async () => {
    const fake = new FakeOrchestrator(log, { dropAfter: 5 });
    const url = await fake.start();
    try {
      const { code, stdout, stderr } = await runCli(['watch', 'run-1', '--server', url]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^shipping\s+completed\s+shipping_agent/m);
      expect(stderr).toMatch(/resuming after event 5/);
    } finally {
      await fake.stop();
    }
  });

  it('a plan the server refuses is bad input (exit 2, its code and field named); an unreachable server exits 1', async () => {
    const fake = new FakeOrchestrator(log, {
      rejectWith: { status: 422, body: { statusCode: 422, code: 'INVALID_PLAN', message: 'unknown agent "x"', details: [{ path: 'tasks[0].agent', message: 'unknown agent "x"' }] } },
    });
    const url = await fake.start();
    try {
      const refused = await runCli(['run', examplePath('ecommerce-order.json'), '--server', url]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/INVALID_PLAN: unknown agent "x" \(tasks\[0\]\.agent/);
    } finally {
      await fake.stop();
    }
    const unreachable = await runCli(['run', examplePath('ecommerce-order.json'), '--server', 'http://127.0.0.1:9']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/cannot reach the orchestrator at http:\/\/127\.0\.0\.1:9/);
  });
});
