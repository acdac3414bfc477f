import { once } from 'node:events';
import { TaskError } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { UrlGuard, connectA2aAgent, type A2aAgent } from '../../src';
import { startTestAgent, type RunningTestAgent } from './support/a2a-test-agent';

describe('an agent that speaks A2A 0.3', () => {
  let server: RunningTestAgent;
  let agent: A2aAgent;

  beforeAll(async () => {
    server = await startTestAgent({ legacy: true, displayName: 'Old Timer' });
    agent = await connectA2aAgent(server.cardUrl, { guard: new UrlGuard({ allowedHosts: ['127.0.0.1'] }) });
  });

  afterAll(async () => {
    await agent.close();
    await server.close();
  });

  it('is read from its 0.3 card (a top-level url) and called with the 0.3 methods', async () => {
    expect(agent.card).toMatchObject({ name: 'old_timer', url: server.endpoint, protocolVersion: '0.3.0', skills: [{ id: 'echo', tags: ['echo', 'test'] }] });
    const standalone = createStandaloneContext();
    await expect(agent.executor.execute(createTaskRequest({ description: 'echo', input: { mode: 'echo' } }), standalone.ctx)).resolves.toMatchObject({ echo: { mode: 'echo' } });
    expect(standalone.progress).toEqual([{ pct: 40, message: 'working on it' }]);
    expect(server.methods).toEqual(['message/stream']);
  });

  it('is sent tasks/cancel when the attempt is aborted', async () => {
    const standalone = createStandaloneContext();
    const started = new Promise<void>((resolve) => {
      standalone.ctx.progress = () => resolve();
    });
    const cancelled = once(server.events, 'cancel');
    const running = agent.executor.execute(createTaskRequest({ input: { mode: 'slow' } }), standalone.ctx);
    await started;
    standalone.controller.abort();
    await expect(running).rejects.toBeInstanceOf(TaskError);
    await cancelled;
    expect(server.methods.slice(-2)).toEqual(['message/stream', 'tasks/cancel']);
  });
});
