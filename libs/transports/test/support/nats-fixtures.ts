import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { TaskError, type TaskContext, type TaskRequest } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest, type StandaloneContextOptions } from '@a2a-mcp/core-graph/testing';
import type { Agent, AgentCard } from '@a2a-mcp/agents';

export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A subject prefix no other test file uses, so parallel files never see each other's attempts. */
export const uniquePrefix = (): string => `test-${randomUUID().slice(0, 8)}`;

/** A host-side context with a unique run id (so idempotency keys never collide across tests). */
export function hostContext(options: StandaloneContextOptions = {}) {
  return createStandaloneContext({ runId: `run-${randomUUID().slice(0, 8)}`, ...options });
}

export function taskFor(agent: string, ctx: TaskContext, overrides: Partial<TaskRequest> = {}): TaskRequest {
  return createTaskRequest({ runId: ctx.runId, taskId: ctx.taskId, agent, ...overrides });
}

const card = (name: string): AgentCard => ({
  name,
  description: `test agent ${name}`,
  version: '1.0.0',
  capabilities: { streaming: false, pushNotifications: false, stateTransitionHistory: false },
  defaultInputModes: ['application/json'],
  defaultOutputModes: ['application/json'],
  skills: [],
});

export function testAgent(name: string, execute: Agent['execute']): Agent {
  return { card: card(name), execute };
}

/** An agent that never finishes on its own; `started` resolves when it runs, `aborted` when its signal fires. */
export function hangingAgent(name = 'hanging') {
  let markStarted: () => void = () => undefined;
  let markAborted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const aborted = new Promise<void>((resolve) => (markAborted = resolve));
  const agent = testAgent(name, (_task, ctx) => {
    markStarted();
    return new Promise((_, reject) =>
      ctx.signal.addEventListener('abort', () => {
        markAborted();
        reject(new TaskError('STOPPED', 'stopped on abort', false));
      }),
    );
  });
  return { agent, started, aborted };
}

/** A loopback port nothing listens on (opened, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
