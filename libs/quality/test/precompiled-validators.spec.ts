// The validators generated ahead of time for the demo agents' output schemas: up to date, used
// instead of ajv's compiler, and judging every output exactly as ajv compiled at run time does.
import { createDemoAgents, createSimulatorAgent, type Agent } from '@a2a-mcp/agents';
import Ajv from 'ajv';
import fc from 'fast-check';
import './support/property-settings';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileOutputSchema, type JsonSchema } from '../src';
import { AJV_OPTIONS } from '../src/scoring/ajv-settings';
import { PRECOMPILED_OUTPUT_VALIDATORS } from '../src/scoring/precompiled-output-validators';
import { PRECOMPILED_MODULE_PATH, precompiledValidatorsSource, REGENERATE_COMMAND } from '../tools/precompiled-validators-source';
import { fakeContext, taskRequest } from './support/fixtures';

const demoAgents = createDemoAgents();

function outputSchemaOf(agent: Agent): JsonSchema {
  const schema = agent.card.skills[0].metadata?.outputSchema;
  if (schema === undefined) throw new Error(`${agent.card.name} declares no output schema`);
  return schema;
}

async function sampleOutput(agent: Agent): Promise<unknown> {
  const description = agent.card.skills[0].examples?.[0] ?? agent.card.description;
  const task = taskRequest({ agent: agent.card.name, description, input: { durationMs: 0 } });
  return agent.execute(task, fakeContext(task.taskId));
}

describe('the precompiled output validators', () => {
  it('are generated from the demo agents’ current schemas with the current ajv and options', () => {
    const path = join(__dirname, '..', PRECOMPILED_MODULE_PATH);
    const declared = [...demoAgents, createSimulatorAgent()].flatMap((agent) => agent.card.skills.flatMap((skill): JsonSchema[] => (skill.metadata?.outputSchema ? [skill.metadata.outputSchema] : [])));
    const expected = precompiledValidatorsSource(declared);
    if (process.env.UPDATE_PRECOMPILED_VALIDATORS === '1') writeFileSync(path, expected);
    const actual = readFileSync(path, 'utf8');
    if (actual !== expected) throw new Error(`${PRECOMPILED_MODULE_PATH} is out of date (a demo schema, ajv or AJV_OPTIONS changed): run ${REGENERATE_COMMAND}`);
  });

  it('cover every demo agent', () => {
    for (const agent of demoAgents) expect(PRECOMPILED_OUTPUT_VALIDATORS.has(JSON.stringify(outputSchemaOf(agent)))).toBe(true);
    expect(PRECOMPILED_OUTPUT_VALIDATORS.size).toBe(new Set(demoAgents.map((agent) => JSON.stringify(outputSchemaOf(agent)))).size);
  });

  it('are what compileOutputSchema returns for a schema with the same text, without calling ajv', () => {
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      for (const agent of demoAgents) {
        const schema = outputSchemaOf(agent);
        const copy = JSON.parse(JSON.stringify(schema)) as JsonSchema;
        expect(compileOutputSchema(copy)).toBe(PRECOMPILED_OUTPUT_VALIDATORS.get(JSON.stringify(schema)));
      }
      expect(compile).not.toHaveBeenCalled();
      // A schema of another text still goes to ajv.
      compileOutputSchema({ ...outputSchemaOf(demoAgents[0]), description: 'changed' });
      expect(compile).toHaveBeenCalledTimes(1);
    } finally {
      compile.mockRestore();
    }
  });

  describe.each(demoAgents.map((agent): [string, Agent] => [agent.card.name, agent]))('%s: same verdict and errors as ajv', (_, agent) => {
    const schema = outputSchemaOf(agent);
    const precompiled = PRECOMPILED_OUTPUT_VALIDATORS.get(JSON.stringify(schema));
    const compiled = new Ajv(AJV_OPTIONS).compile(schema);

    function expectSameJudgement(output: unknown): void {
      if (precompiled === undefined) throw new Error('no precompiled validator');
      const expected = { valid: compiled(output), errors: compiled.errors ?? null };
      expect({ valid: precompiled(output), errors: precompiled.errors ?? null }).toEqual(expected);
    }

    it('on its own output and on every single-field damage to it', async () => {
      const output = await sampleOutput(agent);
      expectSameJudgement(output);
      const variants = damagedVariants(output);
      expect(variants.length).toBeGreaterThan(20);
      for (const variant of variants) expectSameJudgement(variant);
    });

    it('on arbitrary values over its fields', async () => {
      const output = (await sampleOutput(agent)) as Record<string, unknown>;
      const keys = Object.keys(output);
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...keys, 'extra'), fc.jsonValue({ maxDepth: 3 })), fc.boolean(), (overrides, keepRest) => {
          expectSameJudgement(keepRest ? { ...output, ...overrides } : overrides);
        }),
        { numRuns: 150 },
      );
    });

    it('on values that are not objects at all', () => {
      for (const output of [undefined, null, 0, -1, 'text', '', true, [], [{ confidence: 0.5 }], {}]) expectSameJudgement(output);
    });
  });
});

const REPLACEMENTS: readonly unknown[] = [undefined, null, '', 'x', -1, 0, 1.5, 2, true, [], [{}], {}];

/** The output with one field (at any depth up to 3) deleted or replaced by a value of another kind. */
function damagedVariants(output: unknown): unknown[] {
  const variants: unknown[] = [];
  const visit = (value: unknown, rebuild: (replacement: unknown) => unknown, depth: number): void => {
    if (depth > 3 || typeof value !== 'object' || value === null) return;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    for (const [key, child] of entries) {
      const withChild = (replacement: unknown): unknown => {
        const copy: Record<string | number, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
        if (replacement === undefined && !Array.isArray(copy)) delete (copy as Record<string, unknown>)[key];
        else (copy as Record<string | number, unknown>)[key] = replacement;
        return rebuild(copy);
      };
      for (const replacement of REPLACEMENTS) variants.push(withChild(replacement));
      visit(child, withChild, depth + 1);
    }
  };
  visit(output, (replacement) => replacement, 0);
  return variants;
}
