import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { A2aHttpPool, UntrustedUrlError, UrlGuard, connectA2aAgent, reuseRatio, type A2aAgent } from '../../src';
import { startTestAgent, type RunningTestAgent } from './support/a2a-test-agent';

const guard = new UrlGuard({ allowedHosts: ['127.0.0.1'] });
const POOL_SIZE = 3;

async function runSequentially(agent: A2aAgent, calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const { ctx } = createStandaloneContext({ runId: 'pool', taskId: `t${i}` });
    await expect(agent.executor.execute(createTaskRequest({ runId: 'pool', taskId: `t${i}`, input: { mode: 'zero' } }), ctx)).resolves.toEqual({ ok: true });
  }
}

describe('the HTTP keep-alive pool of an A2A agent', () => {
  let server: RunningTestAgent;

  beforeEach(async () => {
    server = await startTestAgent();
  });

  afterEach(() => server.close());

  it('runs 50 sequential tasks over at most poolSize connections, reusing them', async () => {
    const agent = await connectA2aAgent(server.cardUrl, { guard, poolSize: POOL_SIZE });
    const before = server.connections; // the card was fetched on its own connection
    try {
      await runSequentially(agent, 50);
      const stats = agent.poolStats();
      expect(stats).toMatchObject({ transport: 'a2a', address: server.base });
      expect(stats.created).toBeGreaterThanOrEqual(1);
      expect(stats.created).toBeLessThanOrEqual(POOL_SIZE);
      expect(stats.created + stats.reused).toBe(50);
      expect(stats.reused).toBeGreaterThan(0);
      expect(reuseRatio(stats)).toBeGreaterThan(0.9);
      expect(stats.size).toBeLessThanOrEqual(POOL_SIZE);
      // The agent's side agrees: no more TCP connections than the pool opened.
      expect(server.connections - before).toBe(stats.created);
    } finally {
      await agent.close();
    }
  });

  it('with unpooled, opens a fresh connection for every request', async () => {
    const agent = await connectA2aAgent(server.cardUrl, { guard, poolSize: POOL_SIZE, unpooled: true });
    const before = server.connections;
    try {
      await runSequentially(agent, 10);
      expect(agent.poolStats()).toMatchObject({ created: 10, reused: 0 });
      expect(server.connections - before).toBe(10);
    } finally {
      await agent.close();
    }
  });

  it('sends nothing to another origin through the pool, and refuses calls once closed', async () => {
    const agent = await connectA2aAgent(server.cardUrl, { guard, poolSize: POOL_SIZE });
    const pool = new A2aHttpPool(server.base, { guard, poolSize: 1 });
    try {
      await expect(pool.fetch('http://127.0.0.2:9/elsewhere')).rejects.toBeInstanceOf(UntrustedUrlError);
      expect(pool.stats()).toMatchObject({ created: 0, reused: 0 });
    } finally {
      await pool.close();
    }
    await expect(pool.fetch(`${server.base}/.well-known/agent-card.json`)).rejects.toThrow(/is closed/);
    await agent.close();
    const error = await agent.executor.execute(createTaskRequest({ input: { mode: 'zero' } }), createStandaloneContext().ctx).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
  });

  it('close() lets a running task’s stream go after a grace period: the close ends, the task fails retryable', async () => {
    const agent = await connectA2aAgent(server.cardUrl, { guard, poolSize: POOL_SIZE });
    const standalone = createStandaloneContext();
    const started = new Promise<void>((resolve) => {
      standalone.ctx.progress = () => resolve();
    });
    const running = agent.executor.execute(createTaskRequest({ input: { mode: 'slow' } }), standalone.ctx).catch((caught: unknown) => caught);
    await started;
    await agent.close();
    const error = await running;
    expect(error).toMatchObject({ retryable: true });
    expect(['AGENT_LOST', 'AGENT_UNAVAILABLE']).toContain((error as { code: string }).code);
    expect(agent.poolStats()).toMatchObject({ size: 0 });
  });
});
