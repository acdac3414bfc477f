import { TaskError, type TaskContext, type TaskRequest } from '@a2a-mcp/core-graph';
import { AgentRegistry, AgentRegistryError, createDemoRegistry, type Agent, type AgentCard } from '../src';
import { createTestContext, taskRequest } from './support/test-context';

function fakeAgent(name: string, execute: Agent['execute'] = (task) => Promise.resolve(`${name}:${task.taskId}`)): Agent {
  const card: AgentCard = {
    name,
    description: `${name} for tests`,
    version: '0.0.1',
    capabilities: {},
    defaultInputModes: ['application/json'],
    defaultOutputModes: ['application/json'],
    skills: [],
  };
  return { card, execute };
}

describe('AgentRegistry', () => {
  it('routes each task to the agent it names', async () => {
    const registry = new AgentRegistry([fakeAgent('alpha'), fakeAgent('beta')]);
    const { ctx } = createTestContext();

    await expect(registry.execute(taskRequest({ agent: 'alpha', taskId: 't1' }), ctx)).resolves.toBe('alpha:t1');
    await expect(registry.execute(taskRequest({ agent: 'beta', taskId: 't2' }), ctx)).resolves.toBe('beta:t2');
  });

  it('hands the agent the exact task and context', async () => {
    const seen: Array<[TaskRequest, TaskContext]> = [];
    const registry = new AgentRegistry([
      fakeAgent('alpha', (task, ctx) => {
        seen.push([task, ctx]);
        return Promise.resolve(null);
      }),
    ]);
    const task = taskRequest({ agent: 'alpha' });
    const { ctx } = createTestContext();

    await registry.execute(task, ctx);

    expect(seen).toHaveLength(1);
    expect(seen[0][0]).toBe(task);
    expect(seen[0][1]).toBe(ctx);
  });

  it('rejects an unknown agent with a non-retryable AGENT_NOT_FOUND naming the known agents', async () => {
    const registry = new AgentRegistry([fakeAgent('beta'), fakeAgent('alpha')]);
    const { ctx } = createTestContext();

    const error = await registry.execute(taskRequest({ agent: 'gamma' }), ctx).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({
      code: 'AGENT_NOT_FOUND',
      retryable: false,
      message: 'no agent "gamma" is registered (known: alpha, beta)',
    });
  });

  it('refuses a second agent with the same name and keeps the first', async () => {
    const registry = new AgentRegistry([fakeAgent('alpha')]);

    expect(() => registry.register(fakeAgent('alpha', () => Promise.resolve('impostor')))).toThrow(AgentRegistryError);
    try {
      registry.register(fakeAgent('alpha'));
    } catch (error) {
      expect(error).toMatchObject({ code: 'AGENT_ALREADY_REGISTERED', agentName: 'alpha' });
    }
    await expect(registry.execute(taskRequest({ agent: 'alpha' }), createTestContext().ctx)).resolves.toBe('alpha:task-1');
  });

  it('refuses an agent without a name', () => {
    expect(() => new AgentRegistry().register(fakeAgent(''))).toThrow(expect.objectContaining({ code: 'INVALID_AGENT' }));
  });

  it('registers, looks up and unregisters', () => {
    const alpha = fakeAgent('alpha');
    const registry = new AgentRegistry().register(alpha).register(fakeAgent('beta'));

    expect(registry.has('alpha')).toBe(true);
    expect(registry.get('alpha')).toBe(alpha);
    expect(registry.names()).toEqual(['alpha', 'beta']);
    expect(registry.cards().map((card) => card.name)).toEqual(['alpha', 'beta']);
    expect(registry.size).toBe(2);

    expect(registry.unregister('alpha')).toBe(true);
    expect(registry.unregister('alpha')).toBe(false);
    expect(registry.has('alpha')).toBe(false);
    expect(registry.get('alpha')).toBeUndefined();
  });

  it('runs registration checks on each later agent, after its own checks; a throwing check refuses the agent', () => {
    const registry = new AgentRegistry([fakeAgent('alpha')]);
    const checked: string[] = [];
    const stop = registry.beforeRegister((agent) => {
      checked.push(agent.card.name);
      if (agent.card.name === 'broken') throw new Error('agent "broken": bad output schema');
    });

    registry.register(fakeAgent('beta'));
    expect(() => registry.register(fakeAgent('broken'))).toThrow('agent "broken": bad output schema');
    expect(registry.has('broken')).toBe(false);
    // A name the registry refuses itself never reaches the check.
    expect(() => registry.register(fakeAgent('alpha'))).toThrow(expect.objectContaining({ code: 'AGENT_ALREADY_REGISTERED' }));
    expect(checked).toEqual(['beta', 'broken']);

    stop();
    registry.register(fakeAgent('broken'));
    expect(checked).toEqual(['beta', 'broken']);
    expect(registry.names()).toEqual(['alpha', 'beta', 'broken']);
  });

  it('turns a synchronous throw of an agent into a rejection', async () => {
    const registry = new AgentRegistry([
      fakeAgent('thrower', () => {
        throw new TaskError('BOOM', 'sync failure');
      }),
    ]);

    await expect(registry.execute(taskRequest({ agent: 'thrower' }), createTestContext().ctx)).rejects.toMatchObject({ code: 'BOOM' });
  });

  it('the demo registry holds the original framework agents and the simulator', () => {
    expect(createDemoRegistry().names().sort()).toEqual([
      'analytics_specialist',
      'archival_agent',
      'data_processor',
      'email_agent',
      'inventory_manager',
      'notification_agent',
      'payment_processor',
      'reporting_agent',
      'shipping_agent',
      'simulator',
      'sms_agent',
    ]);
  });
});
