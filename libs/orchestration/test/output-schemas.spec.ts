import { Module } from '@nestjs/common';
import { createDemoAgents, type Agent, type AgentCard, type JsonSchema } from '@a2a-mcp/agents';
import type { TaskRequest } from '@a2a-mcp/core-graph';
import Ajv from 'ajv';
import { AgentCatalog, AgentCatalogError, DomainAgent, OutputSchemaCatalog, RunManager, type DomainAgentExecutor } from '../src';
import { orchestrationContext } from './support';

// Nest contexts and real timers: generous under a loaded CI machine (npm test runs projects in parallel).
jest.setTimeout(30_000);

const RECEIPT_SCHEMA: JsonSchema = {
  type: 'object',
  title: 'receipt (no precompiled code)',
  properties: { receiptId: { type: 'string', minLength: 1 }, total: { type: 'number', minimum: 0 }, confidence: { type: 'number' } },
  required: ['receiptId', 'total', 'confidence'],
};
const BROKEN_SCHEMA: JsonSchema = { type: 'object', properties: { total: { type: 'money' } } };

function cardWith(name: string, outputSchema: JsonSchema): AgentCard {
  return {
    name,
    description: `${name} for tests`,
    version: '1.0.0',
    capabilities: {},
    defaultInputModes: ['application/json'],
    defaultOutputModes: ['application/json'],
    skills: [{ id: 'main', name: 'Main', description: 'Does the thing', tags: ['test'], metadata: { outputSchema, qualityDomain: 'SERVICE' } }],
  };
}

/** An agent that returns its task's `input.output`. */
function echoAgent(name: string, outputSchema: JsonSchema): Agent {
  return { card: cardWith(name, outputSchema), execute: async (task: TaskRequest) => task.input.output };
}

/** A module whose `@DomainAgent` ReceiptAgent declares a schema ajv refuses. */
function brokenReceiptModule(): new () => object {
  @DomainAgent(cardWith('receipts', BROKEN_SCHEMA))
  class ReceiptAgent implements DomainAgentExecutor {
    async execute(): Promise<unknown> {
      return {};
    }
  }
  @Module({ providers: [ReceiptAgent] })
  class ReceiptModule {}
  return ReceiptModule;
}

describe('OutputSchemaCatalog (output schemas compiled when agents register)', () => {
  it('holds every demo agent’s compiled schema once the host has started', async () => {
    const context = await orchestrationContext();
    try {
      const { schemas } = context.get(OutputSchemaCatalog);
      const demo = createDemoAgents();
      expect(schemas.size).toBe(demo.length);
      for (const agent of demo) expect(schemas.get(agent.card.name)?.schema).toEqual(agent.card.skills[0].metadata?.outputSchema);
    } finally {
      await context.close();
    }
  });

  it('stops the start on a discovered agent whose schema does not compile, naming the agent and its provider', async () => {
    const ReceiptModule = brokenReceiptModule();
    const boot = orchestrationContext({}, [ReceiptModule]);
    await expect(boot).rejects.toBeInstanceOf(AgentCatalogError);
    await expect(boot).rejects.toThrow(/^ReceiptAgent \(in ReceiptModule\): agent "receipts": output schema cannot be compiled: schema is invalid/);
  });

  it('compiles a later agent’s schema when it registers, refuses a broken one, and compiles nothing during runs', async () => {
    const context = await orchestrationContext();
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      const catalog = context.get(AgentCatalog);
      expect(() => catalog.register(echoAgent('broken_receipts', { ...BROKEN_SCHEMA, title: 'late' }), 'test')).toThrow(
        expect.objectContaining({ code: 'INVALID_DOMAIN_AGENT', message: expect.stringMatching(/^test: agent "broken_receipts": output schema cannot be compiled/) }),
      );
      expect(catalog.has('broken_receipts')).toBe(false);

      catalog.register(echoAgent('receipts', RECEIPT_SCHEMA), 'test');
      // One compile each: the broken schema's (refused) and this one's.
      expect(compile).toHaveBeenCalledTimes(2);
      expect(context.get(OutputSchemaCatalog).schemas.get('receipts')?.schema).toBe(RECEIPT_SCHEMA);

      const plan = {
        tasks: [
          { id: 'good', description: 'Issue the receipt', agent: 'receipts', dependencies: [], input: { output: { receiptId: 'r-1', total: 12.5, confidence: 0.95 } } },
          { id: 'partial', description: 'Issue the receipt', agent: 'receipts', dependencies: [], input: { output: { receiptId: 'r-2', confidence: 0.95 } } },
        ],
        qualityPolicy: 'warn',
      };
      const result = await context.get(RunManager).start({ plan }).run.result;
      expect(compile).toHaveBeenCalledTimes(2);
      // The schema was applied: the output missing `total` fails its task (the agent boundary's OUTPUT_SCHEMA_INVALID).
      expect(result.tasks.good.status).toBe('completed');
      expect(result.tasks.partial.error).toMatchObject({ code: 'OUTPUT_SCHEMA_INVALID', message: expect.stringContaining('at output.total') });
    } finally {
      compile.mockRestore();
      await context.close();
    }
  });

  it('stays idle when quality validation is off: a schema nothing checks does not stop the start', async () => {
    const ReceiptModule = brokenReceiptModule();
    const context = await orchestrationContext({ ENABLE_QUALITY_VALIDATION: 'false' }, [ReceiptModule]);
    try {
      expect(context.get(AgentCatalog).has('receipts')).toBe(true);
      expect(context.get(OutputSchemaCatalog).schemas.size).toBe(0);
    } finally {
      await context.close();
    }
  });
});
