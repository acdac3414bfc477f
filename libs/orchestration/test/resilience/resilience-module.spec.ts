import { Test, type TestingModule } from '@nestjs/testing';
import { EventBus, type IEvent } from '@nestjs/cqrs';
import { TaskError, VirtualClock, type RunResult } from '@a2a-mcp/core-graph';
import type { Agent } from '@a2a-mcp/agents';
import type { FrameworkMetrics } from '@a2a-mcp/observability';
import { parsePrometheusText, promCounts, promTable, type PromSample } from '@a2a-mcp/observability/testing';
import {
  AgentCatalog,
  AgentCircuitClosedEvent,
  AgentCircuitHalfOpenedEvent,
  AgentCircuitOpenedEvent,
  DemoAgentsModule,
  OrchestrationModule,
  RunManager,
} from '../../src';
import { FRAMEWORK_METRICS } from '../../src/observability/observability.tokens';
import { AgentResilience } from '../../src/resilience/agent-resilience';
import { AGENT_RESILIENCE_DEPENDENCIES, createAgentResilience } from '../../src/resilience/resilience.provider';

// A Nest context with real timers for the runs: generous under a loaded CI machine.
jest.setTimeout(30_000);

const P = 'a2a_mcp_framework_';

const scrape = async (metrics: FrameworkMetrics): Promise<PromSample[]> => parsePrometheusText(await metrics.exposition());

/** An agent whose calls fail until `healthy` is set. */
function breakableAgent(): Agent & { healthy: boolean; calls: number } {
  return {
    healthy: false,
    calls: 0,
    card: {
      name: 'breakable',
      description: 'Fails until the test heals it',
      version: '1.0.0',
      capabilities: {},
      defaultInputModes: ['application/json'],
      defaultOutputModes: ['application/json'],
      skills: [{ id: 'work', name: 'Work', description: 'Works, or not', tags: ['test'] }],
    },
    async execute(task) {
      this.calls++;
      if (!this.healthy) throw new TaskError('AGENT_UNAVAILABLE', `breakable is down (task ${task.taskId})`, true);
      return { done: task.taskId, confidence: 1 };
    },
  };
}

interface Captured {
  level: 'log' | 'warn';
  message: unknown;
  context?: string;
}

describe('AgentResilience in the host (Nest wiring: first observer, domain events, log lines, metrics)', () => {
  const clock = new VirtualClock();
  const logs: Captured[] = [];
  const published: IEvent[] = [];
  let context: TestingModule;
  let agent: ReturnType<typeof breakableAgent>;

  const runOne = async (id: string): Promise<RunResult> => {
    const plan = { tasks: [{ id, description: `work ${id}`, agent: 'breakable', dependencies: [], maxRetries: 0 }] };
    return context.get(RunManager).start({ plan }).run.result;
  };

  beforeAll(async () => {
    context = await Test.createTestingModule({
      imports: [
        OrchestrationModule.forRoot({
          env: { SHUTDOWN_GRACE_MS: '100', ORCHESTRATION_MODE: 'enhanced', RUN_STORE: 'memory', AGENT_CIRCUIT_FAILURES: '2', AGENT_CIRCUIT_HALF_OPEN_MS: '60000' },
        }),
        DemoAgentsModule,
      ],
    })
      // The host's own factory, on a virtual clock so the half-open delay passes when the test says.
      .overrideProvider(AgentResilience)
      .useFactory({ factory: (...deps: Parameters<typeof createAgentResilience>) => createAgentResilience(deps[0], deps[1], deps[2], deps[3], clock), inject: AGENT_RESILIENCE_DEPENDENCIES })
      .setLogger({
        log: (message: unknown, context?: string) => logs.push({ level: 'log', message, context }),
        warn: (message: unknown, context?: string) => logs.push({ level: 'warn', message, context }),
        error: () => undefined,
        debug: () => undefined,
        verbose: () => undefined,
      })
      .compile();
    await context.init();
    context.get(EventBus).subscribe((event) => published.push(event));
    agent = breakableAgent();
    context.get(AgentCatalog).register(agent, 'test');
  });

  afterAll(async () => {
    await context.close();
  });

  it('opens after AGENT_CIRCUIT_FAILURES faults, fails the next task with AGENT_CIRCUIT_OPEN, and closes after a good probe; each change is an event, a log line and a metric', async () => {
    expect((await runOne('one')).tasks.one.error?.code).toBe('AGENT_UNAVAILABLE');
    expect((await runOne('two')).tasks.two.error?.code).toBe('AGENT_UNAVAILABLE');
    const refused = await runOne('three');
    expect(refused.tasks.three.error).toEqual({
      code: 'AGENT_CIRCUIT_OPEN',
      message: 'agent "breakable" failed 2 times in a row (last error: AGENT_UNAVAILABLE); calls resume after a probe in 60000 ms',
    });
    expect(agent.calls).toBe(2);

    const metrics = context.get<FrameworkMetrics>(FRAMEWORK_METRICS);
    let samples = await scrape(metrics);
    expect(promTable(samples, `${P}agent_circuit_state`, ['agent'])).toMatchObject({ breakable: 2, simulator: 0, payment_processor: 0 });
    expect(promCounts(samples, `${P}agent_circuit_transitions_total`, ['agent', 'to'])).toEqual({ 'breakable open': 1 });
    // The metrics wrapper sits outside: it saw the refused call as an error of the agent's.
    expect(promCounts(samples, `${P}agent_requests_total`, ['agent', 'outcome'])).toMatchObject({ 'breakable error': 3 });

    agent.healthy = true;
    clock.advance(60_000);
    expect((await runOne('four')).tasks.four.status).toBe('completed');

    const circuitEvents = published.filter((event) => event.constructor.name.startsWith('AgentCircuit'));
    expect(circuitEvents).toEqual([
      new AgentCircuitOpenedEvent('breakable', 2, 60_000, { code: 'AGENT_UNAVAILABLE', message: 'breakable is down (task two)' }),
      new AgentCircuitHalfOpenedEvent('breakable'),
      new AgentCircuitClosedEvent('breakable'),
    ]);
    samples = await scrape(metrics);
    expect(promTable(samples, `${P}agent_circuit_state`, ['agent']).breakable).toBe(0);
    expect(promCounts(samples, `${P}agent_circuit_transitions_total`, ['agent', 'to'])).toEqual({ 'breakable open': 1, 'breakable half-open': 1, 'breakable closed': 1 });

    const lines = logs.filter((line) => line.context === 'Agents').map((line) => [line.level, (line.message as { msg: string }).msg]);
    expect(lines).toEqual([
      ['warn', 'agent breakable: circuit opened after 2 failures in a row (last: AGENT_UNAVAILABLE: breakable is down (task two)); a probe goes through in 60000 ms'],
      ['log', 'agent breakable: circuit half-open, one probe call goes through'],
      ['log', 'agent breakable: circuit closed, calls go through again'],
    ]);
  });
});
