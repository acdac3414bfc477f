import { Test, type TestingModule } from '@nestjs/testing';
import type { AgentCard } from '@a2a-mcp/agents';
import { TaskError } from '@a2a-mcp/core-graph';
import { UntrustedUrlError, type ExternalAgent } from '@a2a-mcp/transports';
import {
  AgentCatalog,
  DemoAgentsModule,
  EXTERNAL_AGENT_SPECS,
  ExternalAgentError,
  ExternalAgents,
  OrchestrationModule,
  RunManager,
  type ExternalAgentSpec,
} from '../src';

// Nest contexts and a real one-second retry: generous under a loaded CI machine.
jest.setTimeout(30_000);

const quietLogger = { log: () => undefined, error: () => undefined, warn: () => undefined, debug: () => undefined, verbose: () => undefined };

function cardOf(name: string): AgentCard {
  return {
    name,
    description: `${name} served by another party`,
    version: '1.0.0',
    capabilities: { streaming: true },
    defaultInputModes: ['application/json'],
    defaultOutputModes: ['application/json'],
    skills: [{ id: 'convert', name: 'Convert currency', description: 'Converts an amount between currencies', tags: ['currency', 'convert'] }],
  };
}

/** An external agent that doubles `input.amount`; `closed` counts close() calls. */
function fakeAgent(name: string): ExternalAgent & { closed: number } {
  const agent = {
    card: cardOf(name),
    transport: 'a2a' as const,
    address: `http://agents.example.com/${name}`,
    closed: 0,
    executor: { execute: async (task: { input: Record<string, unknown> }) => ({ doubled: Number(task.input.amount) * 2 }) },
    poolStats: () => ({ transport: 'a2a' as const, address: 'http://agents.example.com', size: 1, inUse: 0, created: 1, reused: 4 }),
    close: async () => {
      agent.closed += 1;
    },
  };
  return agent;
}

function spec(label: string, connect: ExternalAgentSpec['connect']): ExternalAgentSpec {
  return { kind: 'a2a', label, connect };
}

async function contextWith(specs: ExternalAgentSpec[], env: Record<string, string> = {}): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [OrchestrationModule.forRoot({ env: { SHUTDOWN_GRACE_MS: '100', ...env } }), DemoAgentsModule],
  })
    .overrideProvider(EXTERNAL_AGENT_SPECS)
    .useValue(specs)
    .setLogger(quietLogger)
    .compile();
  await moduleRef.init();
  return moduleRef;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('ExternalAgents (agents other parties serve, registered in the catalog)', () => {
  it('registers a connected agent: its card joins the catalog, its route and pool show in the status, runs use it', async () => {
    const agent = fakeAgent('currency_converter');
    const context = await contextWith([spec('AGENTS_CONFIG (http://agents.example.com)', async () => agent)]);
    try {
      const catalog = context.get(AgentCatalog);
      expect(catalog.card('currency_converter')?.skills.map((skill) => skill.id)).toEqual(['convert']);
      expect(catalog.statusOf('currency_converter')).toEqual({
        name: 'currency_converter',
        transport: 'a2a',
        address: 'http://agents.example.com/currency_converter',
        healthy: true,
        replicas: [],
        pool: { transport: 'a2a', address: 'http://agents.example.com', size: 1, inUse: 0, created: 1, reused: 4 },
      });
      const managed = context.get(RunManager).start({
        plan: { tasks: [{ id: 'fx', description: 'convert 21 USD', agent: 'currency_converter', dependencies: [], input: { amount: 21 } }] },
      });
      const result = await managed.run.result;
      expect(result.status).toBe('completed');
      expect(managed.state.tasks.fx?.output).toEqual({ doubled: 42 });
    } finally {
      await context.close();
    }
    expect(agent.closed).toBe(1);
  });

  it('retries an agent that was down at boot in the background, and registers it once it answers', async () => {
    let tries = 0;
    const agent = fakeAgent('late_agent');
    const context = await contextWith([
      spec('AGENTS_CONFIG (http://late.example.com)', async () => {
        tries += 1;
        if (tries === 1) throw new TaskError('AGENT_UNAVAILABLE', 'connection refused');
        return agent;
      }),
    ]);
    try {
      const catalog = context.get(AgentCatalog);
      expect(catalog.has('late_agent')).toBe(false);
      await until(() => catalog.has('late_agent'), 'the retried agent to join');
      expect(tries).toBe(2);
    } finally {
      await context.close();
    }
  });

  it('does not wait past EXTERNAL_AGENT_CONNECT_TIMEOUT_MS at boot, and closes a connection that completes late', async () => {
    const late = fakeAgent('slow_agent');
    let finish: (agent: ExternalAgent) => void = () => undefined;
    let signal: AbortSignal | undefined;
    const context = await contextWith(
      [
        spec('MCP_SERVERS (server "slow")', (connectContext) => {
          signal = connectContext.signal;
          return new Promise<ExternalAgent>((resolve) => {
            finish = resolve;
          });
        }),
      ],
      { EXTERNAL_AGENT_CONNECT_TIMEOUT_MS: '50', EXTERNAL_AGENT_RETRY_MS: '600000' },
    );
    try {
      expect(signal?.aborted).toBe(true);
      expect(context.get(AgentCatalog).has('slow_agent')).toBe(false);
      finish(late);
      await until(() => late.closed === 1, 'the late connection to be closed');
      expect(context.get(AgentCatalog).has('slow_agent')).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('leaves out, without retrying, an agent whose name is taken or whose URL is refused', async () => {
    let duplicateTries = 0;
    let untrustedTries = 0;
    const clash = fakeAgent('simulator');
    const context = await contextWith([
      spec('AGENTS_CONFIG (http://clash.example.com)', async () => {
        duplicateTries += 1;
        return clash;
      }),
      spec('AGENTS_CONFIG (http://127.0.0.1:1)', async () => {
        untrustedTries += 1;
        throw new UntrustedUrlError('http://127.0.0.1:1/', 'a loopback address');
      }),
    ]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect([duplicateTries, untrustedTries]).toEqual([1, 1]);
      expect(clash.closed).toBe(1);
      expect(context.get(AgentCatalog).statusOf('simulator').transport).toBe('local');
    } finally {
      await context.close();
    }
  });

  it('add() reports why an agent cannot join: the code and the label', async () => {
    const context = await contextWith([]);
    try {
      const externals = context.get(ExternalAgents);
      const failures = await Promise.all([
        externals.add(spec('POST /v1/agents (http://10.0.0.1)', async () => Promise.reject(new UntrustedUrlError('http://10.0.0.1/', 'a private address')))).catch((error: unknown) => error),
        externals.add(spec('POST /v1/agents (http://x.example.com)', async () => Promise.reject(Object.assign(new Error('missing field "skills"'), { code: 'BAD_AGENT_CARD' })))).catch((error: unknown) => error),
        externals.add(spec('POST /v1/agents (http://down.example.com)', async () => Promise.reject(new Error('ECONNREFUSED')))).catch((error: unknown) => error),
        externals.add(spec('POST /v1/agents (http://dup.example.com)', async () => fakeAgent('payment_processor'))).catch((error: unknown) => error),
      ]);
      expect(failures.map((error) => (error as ExternalAgentError).code)).toEqual(['UNTRUSTED_URL', 'BAD_AGENT_CARD', 'AGENT_UNREACHABLE', 'DUPLICATE_AGENT']);
      for (const error of failures) expect(error).toBeInstanceOf(ExternalAgentError);
      expect((failures[1] as Error).message).toBe('POST /v1/agents (http://x.example.com): missing field "skills"');
      expect((failures[3] as Error).message).toMatch(/agent "payment_processor" is declared twice/);
    } finally {
      await context.close();
    }
  });
});
