import { createDemoAgents, createDemoRegistry, createSimulatorAgent } from '@a2a-mcp/agents';
import Ajv from 'ajv';
import {
  createQualityScorer,
  OutputSchemaRegistry,
  prepareOutputSchemas,
  QualityError,
  type AgentOutputDeclaration,
  type JsonSchema,
} from '../src';
import { INVENTORY_SCHEMA, inventoryOutput, PAYMENT_SCHEMA, PAYMENT_TASK, paymentOutput, taskRequest } from './support/fixtures';

/** A card as the registry reads it. */
function card(name: string, outputSchema?: JsonSchema): AgentOutputDeclaration {
  return { name, skills: [{ metadata: outputSchema === undefined ? {} : { outputSchema } }] };
}

// A schema no precompiled code matches: ajv compiles it at run time.
const CUSTOM_PAYMENT_SCHEMA: JsonSchema = { ...PAYMENT_SCHEMA, title: 'custom payment' };
const BROKEN_SCHEMA: JsonSchema = { type: 'object', properties: { amount: { type: 'money' } } };

function errorOf(action: () => unknown): QualityError {
  try {
    action();
  } catch (error) {
    if (error instanceof QualityError) return error;
    throw error;
  }
  throw new Error('expected a QualityError');
}

describe('OutputSchemaRegistry', () => {
  it('prepares the schema of every demo agent that declares one', () => {
    const demoAgents = createDemoAgents();
    const registry = prepareOutputSchemas([...demoAgents, createSimulatorAgent()].map((agent) => agent.card));
    expect(registry.size).toBe(demoAgents.length);
    for (const agent of demoAgents) expect(registry.get(agent.card.name)?.schema).toBe(agent.card.skills[0].metadata?.outputSchema);
    expect(registry.has(createSimulatorAgent().card.name)).toBe(false);
  });

  it('compiles when the agent registers, not when its outputs are checked', () => {
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      const registry = new OutputSchemaRegistry();
      const prepared = registry.register(card('payments', CUSTOM_PAYMENT_SCHEMA));
      expect(compile).toHaveBeenCalledTimes(1);
      expect(prepared?.validate(paymentOutput())).toBe(true);
      expect(prepared?.validate(paymentOutput({ amount: -1 }))).toBe(false);
      expect(registry.get('payments')).toBe(prepared);
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });

  it('refuses a schema ajv cannot compile, naming the agent and keeping what it held', () => {
    const registry = prepareOutputSchemas([card('payments', PAYMENT_SCHEMA)]);
    const before = registry.get('payments');
    const error = errorOf(() => registry.register(card('payments', BROKEN_SCHEMA)));
    expect(error.code).toBe('INVALID_OUTPUT_SCHEMA');
    expect(error.agent).toBe('payments');
    expect(error.message).toMatch(/^agent "payments": output schema cannot be compiled: schema is invalid: data\/properties\/amount\/type /);
    expect(registry.get('payments')).toBe(before);
    expect(() => prepareOutputSchemas([card('fine', PAYMENT_SCHEMA), card('broken', BROKEN_SCHEMA)])).toThrow(/agent "broken"/);
  });

  it('refuses an asynchronous schema: it compiles but cannot score an output', () => {
    const error = errorOf(() => new OutputSchemaRegistry().register(card('slow', { $async: true, type: 'object' })));
    expect(error.code).toBe('INVALID_OUTPUT_SCHEMA');
    expect(error.message).toBe('agent "slow": output schema is asynchronous ($async); only synchronous schemas can score outputs');
  });

  it('replaces, clears and forgets an agent’s schema', () => {
    const registry = prepareOutputSchemas([card('stock', PAYMENT_SCHEMA)]);
    registry.register(card('stock', INVENTORY_SCHEMA));
    expect(registry.get('stock')?.schema).toBe(INVENTORY_SCHEMA);
    expect(registry.register(card('stock'))).toBeUndefined();
    expect(registry.has('stock')).toBe(false);
    registry.register(card('stock', INVENTORY_SCHEMA));
    expect(registry.unregister('stock')).toBe(true);
    expect(registry.unregister('stock')).toBe(false);
    expect(registry.size).toBe(0);
  });
});

describe('a scorer built from prepared schemas', () => {
  const paymentTask = taskRequest({ agent: 'payments', description: PAYMENT_TASK, metadata: { qualityDomain: 'SERVICE' } });

  it('gives the verdicts of a scorer that compiles on first use, and never compiles', () => {
    const outputs = [paymentOutput(), paymentOutput({ amount: '12' }), paymentOutput({ transactionId: undefined }), 'declined', {}];
    const lazy = createQualityScorer({ resolveOutputSchema: () => ({ ...CUSTOM_PAYMENT_SCHEMA }) });
    const expected = outputs.map((output) => lazy(paymentTask, output));

    const outputSchemas = prepareOutputSchemas([card('payments', { ...CUSTOM_PAYMENT_SCHEMA, description: 'prepared' })]);
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      const prepared = createQualityScorer({ outputSchemas });
      expect(outputs.map((output) => prepared(paymentTask, output))).toEqual(expected);
      expect(compile).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
    }
    expect(expected[2]?.issues).toContain('missing_field:transactionId');
  });

  it('falls back on resolveOutputSchema for an agent it does not hold', () => {
    const scorer = createQualityScorer({ outputSchemas: new OutputSchemaRegistry(), resolveOutputSchema: () => INVENTORY_SCHEMA });
    const verdict = scorer({ ...paymentTask, agent: 'stock' }, inventoryOutput({ items: [] }));
    expect(verdict?.issues).toContain('invalid_field:items');
  });

  it('scores the demo agents’ outputs without loading ajv', () => {
    const loaded: string[] = [];
    let lib: typeof import('../src') | undefined;
    jest.isolateModules(() => {
      jest.doMock('ajv', () => {
        loaded.push('ajv');
        return jest.requireActual('ajv');
      });
      jest.doMock('ajv/dist/2020', () => {
        loaded.push('ajv/dist/2020');
        return jest.requireActual('ajv/dist/2020');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      lib = require('../src') as typeof import('../src');
    });
    try {
      if (lib === undefined) throw new Error('the lib did not load');
      const scorer = lib.createQualityScorer({ outputSchemas: lib.prepareOutputSchemas(createDemoRegistry().cards()) });
      const verdict = scorer({ ...paymentTask, agent: 'payment_processor' }, paymentOutput({ transactionId: undefined }));
      expect(verdict?.issues).toContain('missing_field:transactionId');
      expect(loaded).toEqual([]);
      // The control: a schema without precompiled code does load it.
      lib.compileOutputSchema({ type: 'object', title: 'not precompiled' });
      expect(loaded).toEqual(['ajv']);
    } finally {
      jest.dontMock('ajv');
      jest.dontMock('ajv/dist/2020');
    }
  });
});
