import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createSimulatorAgent, type Agent } from '@a2a-mcp/agents';
import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import {
  AgentCatalog,
  AgentCatalogError,
  AgentPackModule,
  DEMO_AGENT_CLASSES,
  DOMAIN_AGENT_METADATA,
  DomainAgent,
  OrchestrationModule,
  domainAgentClassFor,
  type DomainAgentExecutor,
} from '../src';
import { orchestrationContext } from './support';

// Nest contexts and real timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

@Injectable()
class Helper {
  readonly greeting = 'checked';
}

@DomainAgent({
  name: 'fraud_check',
  description: 'Scores an order for fraud',
  skills: [{ id: 'score', name: 'Score', description: 'Scores fraud risk', tags: ['fraud'] }],
})
class FraudCheckAgent implements DomainAgentExecutor {
  constructor(private readonly helper: Helper) {}

  async execute(task: TaskRequest, _ctx: TaskContext): Promise<unknown> {
    return { taskId: task.taskId, verdict: this.helper.greeting, confidence: 1 };
  }
}

@Module({ providers: [Helper, FraudCheckAgent] })
class FraudModule {}

@Module({ imports: [FraudModule] })
class NestedFeatureModule {}

describe('AgentCatalog (discovery of @DomainAgent providers and agent packs)', () => {
  it('finds the demo agents and agents in any imported module, with their injected dependencies', async () => {
    const context = await orchestrationContext({}, [NestedFeatureModule]);
    try {
      const catalog = context.get(AgentCatalog);
      expect(catalog.names()).toEqual(expect.arrayContaining(['payment_processor', 'simulator', 'fraud_check']));
      expect(catalog.size).toBe(12);
      expect(catalog.card('fraud_check')).toMatchObject({ name: 'fraud_check', version: '1.0.0', defaultInputModes: ['application/json'] });
      const output = await catalog.registry.execute(
        { runId: 'r', taskId: 't', description: 'd', agent: 'fraud_check', input: {}, dependencyOutputs: {}, metadata: {} } as TaskRequest,
        {} as TaskContext,
      );
      expect(output).toEqual({ taskId: 't', verdict: 'checked', confidence: 1 });
    } finally {
      await context.close();
    }
  });

  it('registers the plain agents of an AgentPackModule', async () => {
    const echo: Agent = {
      card: { ...createSimulatorAgent().card, name: 'echo' },
      execute: async (task) => task.input,
    };
    const context = await orchestrationContext({}, [AgentPackModule.forFeature({ name: 'remote', agents: [echo] })]);
    try {
      expect(context.get(AgentCatalog).has('echo')).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('stops the start when two providers claim one name, naming both', async () => {
    @DomainAgent({ name: 'fraud_check', description: 'again', skills: [] })
    class OtherFraudAgent {
      async execute(): Promise<unknown> {
        return {};
      }
    }
    @Module({ providers: [OtherFraudAgent] })
    class OtherModule {}
    const boot = orchestrationContext({}, [FraudModule, OtherModule]);
    await expect(boot).rejects.toBeInstanceOf(AgentCatalogError);
    await expect(boot).rejects.toThrow(
      'agent "fraud_check" is declared twice: by FraudCheckAgent (in FraudModule) and by OtherFraudAgent (in OtherModule)',
    );
  });

  it('refuses a @DomainAgent without execute()', async () => {
    @DomainAgent({ name: 'broken', description: 'no execute', skills: [] })
    class BrokenAgent {}
    @Module({ providers: [BrokenAgent] })
    class BrokenModule {}
    await expect(orchestrationContext({}, [BrokenModule])).rejects.toThrow(/BrokenAgent \(in BrokenModule\) is marked @DomainAgent but has no execute/);
  });

  it('finds a value provider whose token is a @DomainAgent class', async () => {
    const Wrapped = domainAgentClassFor({ ...createSimulatorAgent(), card: { ...createSimulatorAgent().card, name: 'valued' } });
    const moduleRef = await Test.createTestingModule({
      imports: [OrchestrationModule.forRoot({ env: {} })],
      providers: [{ provide: Wrapped, useValue: new Wrapped() }],
    }).compile();
    await moduleRef.init();
    try {
      expect(moduleRef.get(AgentCatalog).names()).toEqual(['valued']);
    } finally {
      await moduleRef.close();
    }
  });

  it('makes one @DomainAgent class per demo agent, named after it', () => {
    expect(DEMO_AGENT_CLASSES.map((type) => type.name)).toEqual(expect.arrayContaining(['PaymentProcessorAgent', 'SimulatorAgent', 'SmsAgent']));
    for (const type of DEMO_AGENT_CLASSES) expect(Reflect.getMetadata(DOMAIN_AGENT_METADATA, type)).toMatchObject({ name: expect.any(String) });
  });
});
