import { Module } from '@nestjs/common';
import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import { AgentCatalogError, DomainAgent, OrchestratorConfigError, RunManager } from '@a2a-mcp/orchestration';
import { runHost } from '../src/run-host';
import { examplePlan, simulatorPlan } from './support/plans';
import { get, post } from './support/http';
import { readSse } from './support/sse-client';
import { startTestApp } from './support/test-app';

// Real servers and timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

@DomainAgent({ name: 'simulator', description: 'A second simulator', skills: [] })
class SecondSimulator {
  async execute(_task: TaskRequest, _ctx: TaskContext): Promise<unknown> {
    return {};
  }
}

@Module({ providers: [SecondSimulator] })
class ClashingAgentsModule {}

describe('start-up: configuration errors stop the boot naming the variable', () => {
  it('refuses a bad ORCHESTRATION_MODE', async () => {
    const boot = startTestApp({ ORCHESTRATION_MODE: 'turbo' });
    await expect(boot).rejects.toBeInstanceOf(OrchestratorConfigError);
    await expect(boot).rejects.toThrow('ORCHESTRATION_MODE="turbo" (allowed: one of basic, enhanced, parallel)');
  });

  it('refuses PARALLEL_THRESHOLD=0, and names every bad variable in one message', async () => {
    await expect(startTestApp({ PARALLEL_THRESHOLD: '0' })).rejects.toThrow('PARALLEL_THRESHOLD="0" (allowed: an integer ≥ 1)');
    const both = startTestApp({ PARALLEL_THRESHOLD: '0', ENABLE_PHASE_7_STREAMING: 'maybe', PORT: '70000' });
    await expect(both).rejects.toThrow(/PORT="70000".*ENABLE_PHASE_7_STREAMING="maybe".*PARALLEL_THRESHOLD="0"/);
  });

  it('refuses PLANNER=llm without its PLANNER_LLM_* variables', async () => {
    await expect(startTestApp({ PLANNER: 'llm', PLANNER_LLM_URL: '', PLANNER_LLM_MODEL: '' })).rejects.toThrow(/PLANNER_LLM_URL/);
  });

  it('refuses two agents with one name, naming both providers', async () => {
    const boot = startTestApp({}, [ClashingAgentsModule]);
    await expect(boot).rejects.toBeInstanceOf(AgentCatalogError);
    await expect(boot).rejects.toThrow(/agent "simulator" is declared twice: by SimulatorAgent \(in DemoAgentsModule\) and by SecondSimulator \(in ClashingAgentsModule\)/);
  });

  it('npm start prints the URLs, or one line naming the bad variable and exits 1', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const exits: number[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, exit: (code: number) => exits.push(code) };

    const host = { name: 'a2a-mcp orchestrator', io, envFile: false as const, logger: false as const };
    const failed = await runHost({ ...host, env: { ORCHESTRATION_MODE: 'turbo' } });
    expect(failed).toBeUndefined();
    expect(exits).toEqual([1]);
    expect(err.join('')).toMatch(/^a2a-mcp orchestrator: \[INVALID_CONFIG\] invalid configuration: ORCHESTRATION_MODE="turbo"/);

    const app = await runHost({ ...host, env: { PORT: '0' } });
    try {
      expect(out.join('')).toMatch(/^a2a-mcp orchestrator listening on http:\/\/localhost:\d+ — API docs http:\/\/localhost:\d+\/docs\n$/);
    } finally {
      await app?.close();
    }
  });
});

describe('ORCHESTRATION_MODE: the original framework master orchestrators as configuration', () => {
  const planWithoutStrategy = () => {
    const plan = examplePlan('ecommerce-order');
    delete plan.coordinationStrategy;
    return plan;
  };

  it('basic: sequential by default, no quality scoring, no progress or artifact events on the stream', async () => {
    const t = await startTestApp({ ORCHESTRATION_MODE: 'basic' });
    try {
      const { body } = await post<{ runId: string; strategy: string }>(`${t.url}/v1/runs`, { plan: planWithoutStrategy() });
      expect(body.strategy).toBe('sequential');
      const stream = await readSse(`${t.url}/v1/runs/${body.runId}/events`);
      const types = stream.events.map((event) => event.event);
      expect(types).not.toContain('task_progress');
      expect(types).not.toContain('artifact');
      expect(types).toContain('task_complete');
      const completes = stream.events.filter((event) => event.event === 'task_complete').map((event) => JSON.parse(event.data) as { quality?: unknown });
      expect(completes.every((event) => event.quality === undefined)).toBe(true);
      const run = await get<{ strategyReason: string }>(`${t.url}/v1/runs/${body.runId}`);
      expect(run.body.strategyReason).toBe('ORCHESTRATION_MODE=basic default strategy sequential');
    } finally {
      await t.close();
    }
  });

  it('enhanced: the optimizer picks (auto) with live load, quality scored, progress streamed', async () => {
    const t = await startTestApp({ ORCHESTRATION_MODE: 'enhanced' });
    try {
      const { body } = await post<{ runId: string; strategy: string }>(`${t.url}/v1/runs`, { plan: planWithoutStrategy() });
      // Its estimated levels line up with the critical path and each reaches its parallelThreshold (2).
      expect(body.strategy).toBe('parallel');
      const stream = await readSse(`${t.url}/v1/runs/${body.runId}/events`);
      expect(stream.events.map((event) => event.event)).toContain('task_progress');
      const complete = JSON.parse(stream.events.find((event) => event.event === 'task_complete')?.data ?? '{}') as { quality?: { domain: string } };
      expect(complete.quality).toMatchObject({ domain: 'SERVICE' });
      const run = await get<{ strategyReason: string }>(`${t.url}/v1/runs/${body.runId}`);
      // The reason says what load the optimizer saw: the host's event loop and its 64 agent slots.
      expect(run.body.strategyReason).toMatch(/^auto: uniform_levels: .*; load: event loop.*; \d+ of 64 agent slots free/);
    } finally {
      await t.close();
    }
  });

  it('parallel: levels with PARALLEL_THRESHOLD', async () => {
    const t = await startTestApp({ ORCHESTRATION_MODE: 'parallel', PARALLEL_THRESHOLD: '2', ENABLE_QUALITY_VALIDATION: 'false' });
    try {
      const { body } = await post<{ runId: string; strategy: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'a' }, { id: 'b' }]) });
      expect(body.strategy).toBe('parallel');
      const stream = await readSse(`${t.url}/v1/runs/${body.runId}/events`);
      const start = JSON.parse(stream.events[0].data) as { parallelThreshold: number };
      expect(start.parallelThreshold).toBe(2);
      const level = JSON.parse(stream.events.find((event) => event.event === 'level_start')?.data ?? '{}') as { concurrent: boolean };
      expect(level.concurrent).toBe(true);
    } finally {
      await t.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('lets short runs finish within SHUTDOWN_GRACE_MS, cancels the rest, and then accepts no run', async () => {
    const t = await startTestApp({ SHUTDOWN_GRACE_MS: '300' });
    const runs = t.app.get(RunManager);
    const short = (await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'a', input: { durationMs: 50 } }]) })).body.runId;
    const long = (await post<{ runId: string }>(`${t.url}/v1/runs`, { plan: simulatorPlan([{ id: 'a', input: { durationMs: 60_000 } }]) })).body.runId;
    // Held now: a finished run leaves the manager's memory once stored.
    const [shortRun, longRun] = [runs.get(short), runs.get(long)];
    const started = Date.now();
    await t.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(shortRun.status).toBe('completed');
    expect(longRun.status).toBe('cancelled');
    expect(runs.isAccepting).toBe(false);
    expect(() => runs.start({ plan: simulatorPlan([{ id: 'a' }]) })).toThrow(expect.objectContaining({ code: 'SHUTTING_DOWN' }));
  });
});
