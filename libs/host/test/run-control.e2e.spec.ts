import { ManagedRun } from '@a2a-mcp/orchestration';
import type { WorkflowEvent } from '@a2a-mcp/core-graph';
import { simulatorPlan } from './support/plans';
import { del, get, post, waitFor } from './support/http';
import { readSse } from './support/sse-client';
import { SignalProbeAgent, TestAgentsModule } from './support/test-agents.module';
import { startTestApp, type TestApp } from './support/test-app';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

interface RunView {
  status: string;
  tasks: Record<string, { status: string; question?: string; output?: Record<string, unknown>; dependencies: string[] }>;
  result?: { status: string; cancelled: string[] };
}

interface ErrorBody {
  code: string;
  message: string;
  details?: { cycle?: string[]; nodeId?: string };
}

describe('run control over HTTP: cancel, dynamic nodes, pause/resume', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, [TestAgentsModule]);
  });

  afterAll(async () => {
    await t.close();
  });

  const startRun = async (plan: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const res = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan, ...extra });
    expect(res.status).toBe(202);
    return res.body.runId;
  };
  const view = async (runId: string) => (await get<RunView>(`${t.url}/v1/runs/${runId}`)).body;
  const untilEvent = (runId: string, predicate: (types: string[]) => boolean) =>
    readSse(`${t.url}/v1/runs/${runId}/events`, { stopWhen: (_event, all) => predicate(all.map((e) => e.event ?? '')) });
  const health = async () => (await get<{ info: { orchestrator: { tasksInFlight: number } } }>(`${t.url}/health`)).body.info.orchestrator;

  it('DELETE cancels a run and the abort reaches the running agents (simulator and a probe)', async () => {
    const runId = await startRun(
      simulatorPlan([
        { id: 'slow', input: { durationMs: 60_000 } },
        { id: 'probe', agent: 'signal_probe' },
        { id: 'after', dependencies: ['slow'] },
      ]),
      { strategy: 'hybrid' },
    );
    await untilEvent(runId, (types) => types.filter((type) => type === 'task_start').length === 2);
    expect((await health()).tasksInFlight).toBe(2);
    const started = Date.now();
    const res = await del(`${t.url}/v1/runs/${runId}`);
    expect(res.status).toBe(202);
    const run = await view(runId);
    expect(run.status).toBe('cancelled');
    expect(run.tasks.slow.status).toBe('cancelled');
    expect(run.tasks.probe.status).toBe('cancelled');
    expect(run.tasks.after.status).toBe('cancelled');
    expect(run.result?.cancelled.sort()).toEqual(['after', 'probe', 'slow']);
    await waitFor(async () => (SignalProbeAgent.aborted.includes(`${runId}/probe`) ? true : undefined), 2000, 'the probe to see the abort');
    await waitFor(async () => ((await health()).tasksInFlight === 0 ? true : undefined), 2000, 'the agent slots to free up');
    expect(Date.now() - started).toBeLessThan(2000);
    const stream = await readSse(`${t.url}/v1/runs/${runId}/events`);
    const last = JSON.parse(stream.events[stream.events.length - 1].data) as { type: string; result: { status: string } };
    expect(last).toMatchObject({ type: 'workflow_complete', result: { status: 'cancelled' } });
  });

  it('adds nodes to a running graph, and refuses a cycle with 409 naming it', async () => {
    const runId = await startRun(simulatorPlan([{ id: 'a', input: { durationMs: 300 } }]));
    await untilEvent(runId, (types) => types.includes('task_start'));

    const added = await post<{ added: string[] }>(`${t.url}/v1/runs/${runId}/nodes`, {
      nodes: [
        { id: 'b', description: 'after a', agent: 'simulator', dependencies: ['a'], input: { durationMs: 5 } },
        { id: 'c', description: 'after b', agent: 'simulator', dependencies: ['b'] },
      ],
    });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ added: ['b', 'c'], edges: [] });

    const withDependsOn = await post<{ added: string[] }>(`${t.url}/v1/runs/${runId}/nodes`, {
      nodes: [{ id: 'd', description: 'also after a', agent: 'simulator' }],
      dependsOn: ['a'],
    });
    expect(withDependsOn.status).toBe(200);

    const cycle = await post<ErrorBody>(`${t.url}/v1/runs/${runId}/nodes`, { edges: [['c', 'b']] });
    expect(cycle.status).toBe(409);
    expect(cycle.body.code).toBe('CYCLE');
    expect(cycle.body.message).toMatch(/b/);
    expect(cycle.body.message).toMatch(/c/);
    expect(cycle.body.details?.cycle).toEqual(expect.arrayContaining(['b', 'c']));

    // The planner's rules: a dependency must be a new node or a task of the run.
    const unknownDependency = await post<{ code: string; details: { code: string; path: string; taskId: string }[] }>(`${t.url}/v1/runs/${runId}/nodes`, {
      nodes: [{ id: 'e', description: 'x', agent: 'simulator', dependencies: ['ghost'] }],
    });
    expect(unknownDependency.status).toBe(422);
    expect(unknownDependency.body).toMatchObject({
      code: 'INVALID_PLAN',
      details: [{ code: 'UNKNOWN_DEPENDENCY', path: 'nodes[0].dependencies[0]', taskId: 'e' }],
    });

    const duplicate = await post<ErrorBody>(`${t.url}/v1/runs/${runId}/nodes`, { nodes: [{ id: 'a', description: 'x', agent: 'simulator' }] });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('DUPLICATE_NODE');

    const unknownAgent = await post<{ code: string; details: { code: string; path: string }[] }>(`${t.url}/v1/runs/${runId}/nodes`, {
      nodes: [{ id: 'f', description: 'x', agent: 'nobody' }],
    });
    expect(unknownAgent.status).toBe(422);
    expect(unknownAgent.body).toMatchObject({ code: 'INVALID_PLAN', details: [{ code: 'UNKNOWN_AGENT', path: 'nodes[0].agent' }] });

    const done = await waitFor(async () => {
      const run = await view(runId);
      return run.status === 'running' ? undefined : run;
    });
    expect(done.status).toBe('completed');
    expect(Object.keys(done.tasks)).toEqual(['a', 'b', 'c', 'd']);
    expect(done.tasks.d.dependencies).toEqual(['a']);
    const stream = await readSse(`${t.url}/v1/runs/${runId}/events`);
    expect(stream.events.filter((event) => event.event === 'graph_modified')).toHaveLength(2);
  });

  it('pauses on ctx.requestInput and resumes with POST /input; the paused task holds no agent slot', async () => {
    // Records when the server returns a stream's iterator (the client went away).
    const originalEvents = ManagedRun.prototype.events;
    const eventsSpy = jest.spyOn(ManagedRun.prototype, 'events');
    const returned: string[] = [];
    eventsSpy.mockImplementation(function (this: ManagedRun, afterSeq?: number) {
      const inner = originalEvents.call(this, afterSeq);
      const runId = this.runId;
      const wrapped: AsyncIterableIterator<WorkflowEvent> = {
        next: () => inner.next(),
        return: () => {
          returned.push(runId);
          return inner.return ? inner.return() : Promise.resolve({ value: undefined, done: true });
        },
        [Symbol.asyncIterator]: () => wrapped,
      };
      return wrapped;
    });
    try {
      const runId = await startRun(
        simulatorPlan([
          { id: 'approval', agent: 'test_approval' },
          { id: 'ship', dependencies: ['approval'] },
        ]),
      );
      // A client follows the stream until the pause, then goes away: its iterator is returned.
      const watcher = await untilEvent(runId, (types) => types.includes('task_paused'));
      expect(watcher.ended).toBe(false);
      await waitFor(async () => (returned.includes(runId) ? true : undefined), 2000, 'the server to return the iterator');

      const paused = await view(runId);
      expect(paused.tasks.approval).toMatchObject({ status: 'paused', question: 'approve approval?' });
      expect((await health()).tasksInFlight).toBe(0);

      const notPaused = await post<ErrorBody>(`${t.url}/v1/runs/${runId}/input`, { taskId: 'ship', answer: 'yes' });
      expect(notPaused.status).toBe(409);
      expect(notPaused.body.code).toBe('NOT_PAUSED');
      const unknownTask = await post<ErrorBody>(`${t.url}/v1/runs/${runId}/input`, { taskId: 'nope', answer: 'yes' });
      expect(unknownTask.status).toBe(409);
      expect(unknownTask.body.code).toBe('UNKNOWN_TASK');

      const resumed = await post(`${t.url}/v1/runs/${runId}/input`, { taskId: 'approval', answer: 'yes' });
      expect(resumed.status).toBe(200);
      expect(resumed.body).toEqual({ runId, taskId: 'approval', taskStatus: 'running' });

      const done = await waitFor(async () => {
        const run = await view(runId);
        return run.status === 'running' ? undefined : run;
      });
      expect(done.status).toBe('completed');
      expect(done.tasks.approval.output).toMatchObject({ approved: true, answer: 'yes' });
      const types = (await readSse(`${t.url}/v1/runs/${runId}/events`)).events.map((event) => event.event);
      expect(types).toEqual(expect.arrayContaining(['task_paused', 'task_resumed']));
    } finally {
      eventsSpy.mockRestore();
    }
  });

  it('runs many runs at once, independently, under the global agent limit', async () => {
    const limited = await startTestApp({ MAX_CONCURRENT_TASKS: '3' });
    try {
      const plan = simulatorPlan([
        { id: 'a', input: { durationMs: 15 } },
        { id: 'b', input: { durationMs: 15 } },
        { id: 'c', input: { durationMs: 15 } },
        { id: 'd', dependencies: ['a', 'b', 'c'], input: { durationMs: 5 } },
      ]);
      let maxInFlight = 0;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const h = (await get<{ info: { orchestrator: { tasksInFlight: number } } }>(`${limited.url}/health`)).body.info.orchestrator;
          maxInFlight = Math.max(maxInFlight, h.tasksInFlight);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      })();
      const ids = await Promise.all(
        Array.from({ length: 20 }, async () => (await post<{ runId: string }>(`${limited.url}/v1/runs`, { plan, strategy: 'hybrid' })).body.runId),
      );
      const results = await Promise.all(ids.map((id) => readSse(`${limited.url}/v1/runs/${id}/events`)));
      sampling = false;
      await sampler;
      for (const stream of results) {
        const last = JSON.parse(stream.events[stream.events.length - 1].data) as { result: { status: string; successful: string[] } };
        expect(last.result.status).toBe('completed');
        expect(last.result.successful).toHaveLength(4);
      }
      expect(maxInFlight).toBeLessThanOrEqual(3);
      expect(maxInFlight).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
