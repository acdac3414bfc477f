import { createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { OutputSchemaRegistry, type JsonSchema } from '@a2a-mcp/quality';
import type { TaskError } from '@a2a-mcp/core-graph';
import { OutputInspector } from '../../src/resilience/output-inspector';
import { PARALLEL, TestAgents, resilienceFor, run, task } from './support';

const ORDER_SCHEMA: JsonSchema = {
  type: 'object',
  title: 'order (resilience test)',
  properties: {
    total: { type: 'number' },
    items: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
  },
  required: ['total', 'items'],
};

function schemasFor(agent: string, outputSchema: JsonSchema): OutputSchemaRegistry {
  const registry = new OutputSchemaRegistry();
  registry.register({ name: agent, skills: [{ metadata: { outputSchema } }] });
  return registry;
}

/** An agent that returns what the test hands it for each task id. */
function returning(outputs: Record<string, () => unknown>): TestAgents {
  return new TestAgents().set('producer', async (work) => outputs[work.taskId]());
}

describe('poison outputs (checked after the agent returned)', () => {
  it('OUTPUT_NOT_SERIALIZABLE for a cycle, a BigInt or a function; not retried; not an agent fault for the circuit', async () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const agents = returning({ cycle: () => circular, big: () => ({ amount: 10n }), fn: () => () => 'hi', nothing: () => undefined });
    const { resilience, clock, changes } = resilienceFor({ circuitFailures: 1 });
    const result = await run(
      ['cycle', 'big', 'fn', 'nothing'].map((id) => task(id, 'producer', { maxRetries: 3 })),
      resilience.wrapExecutor(agents),
      clock,
      PARALLEL,
    );
    expect(result.tasks.cycle).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'OUTPUT_NOT_SERIALIZABLE' } });
    expect(result.tasks.cycle.error?.message).toMatch(/^task "cycle" \(agent "producer"\): the output cannot be written as JSON \(Converting circular structure to JSON/);
    expect(result.tasks.big.error).toEqual({
      code: 'OUTPUT_NOT_SERIALIZABLE',
      message: 'task "big" (agent "producer"): the output cannot be written as JSON (Do not know how to serialize a BigInt)',
    });
    expect(result.tasks.fn.error).toEqual({
      code: 'OUTPUT_NOT_SERIALIZABLE',
      message: 'task "fn" (agent "producer"): the output cannot be written as JSON (a function has no JSON form)',
    });
    // Nothing returned is no output, as before.
    expect(result.tasks.nothing).toMatchObject({ status: 'completed' });
    expect(result.tasks.nothing.output).toBeUndefined();
    expect(agents.calls('producer')).toBe(4);
    expect(changes).toEqual([]);
  });

  it('OUTPUT_TOO_LARGE past MAX_OUTPUT_BYTES counted as UTF-8 JSON, naming the size and the limit; exactly the limit passes', async () => {
    // JSON of a string of n ASCII characters: n + 2 bytes. "€" is 3 bytes in UTF-8 but one UTF-16 unit.
    const agents = returning({ fits: () => 'a'.repeat(998), ascii: () => 'a'.repeat(999), euro: () => '€'.repeat(333), emoji: () => '😀'.repeat(250) });
    const { resilience, clock } = resilienceFor({ maxOutputBytes: 1000 });
    const result = await run(['fits', 'ascii', 'euro', 'emoji'].map((id) => task(id, 'producer')), resilience.wrapExecutor(agents), clock, PARALLEL);
    expect(result.tasks.fits.status).toBe('completed');
    expect(result.tasks.ascii.error).toEqual({
      code: 'OUTPUT_TOO_LARGE',
      message: 'task "ascii" (agent "producer"): the output is 1001 bytes as JSON, over the 1000-byte limit (MAX_OUTPUT_BYTES)',
    });
    expect(result.tasks.euro.error?.message).toContain('the output is 1001 bytes as JSON');
    expect(result.tasks.emoji.error?.message).toContain('the output is 1002 bytes as JSON');
  });

  it('OUTPUT_SCHEMA_INVALID against the agent’s declared output schema, naming the first bad path; retryable: a better answer next time completes', async () => {
    const agents = new TestAgents().set('producer', async (work, ctx) => {
      if (work.taskId === 'missing') return { items: [] };
      if (work.taskId === 'nested') return { total: 3, items: [{ sku: 'a' }, { sku: 7 }] };
      // Better on the second attempt, as a model may be.
      return ctx.attempt === 1 ? { total: 'three', items: [] } : { total: 3, items: [{ sku: 'a' }] };
    });
    const { resilience, clock } = resilienceFor({}, { outputSchemas: schemasFor('producer', ORDER_SCHEMA) });
    const result = await run(
      [task('missing', 'producer'), task('nested', 'producer'), task('flaky', 'producer', { maxRetries: 1 })],
      resilience.wrapExecutor(agents),
      clock,
      PARALLEL,
    );
    expect(result.tasks.missing.error).toEqual({
      code: 'OUTPUT_SCHEMA_INVALID',
      message: "task \"missing\" (agent \"producer\"): the output does not match the agent's output schema at output.total: must have required property 'total'",
    });
    expect(result.tasks.nested.error?.message).toMatch(/at output\.items\[1\]\.sku: must be string$/);
    expect(result.tasks.flaky).toMatchObject({ status: 'completed', attempts: 2, output: { total: 3 } });
  });

  it('checks only agents with a schema, and takes each output through one JSON.stringify', () => {
    const inspector = new OutputInspector(1000, schemasFor('producer', ORDER_SCHEMA));
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      const output = { anything: ['goes'] };
      expect(inspector.check(createTaskRequest({ agent: 'free', taskId: 't' }), output)).toBe(output);
      expect(stringify).toHaveBeenCalledTimes(1);
      expect(() => inspector.check(createTaskRequest({ agent: 'producer', taskId: 'u' }), output)).toThrow(
        expect.objectContaining({ code: 'OUTPUT_SCHEMA_INVALID', retryable: true } satisfies Partial<TaskError>),
      );
      expect(stringify).toHaveBeenCalledTimes(2);
    } finally {
      stringify.mockRestore();
    }
  });
});
