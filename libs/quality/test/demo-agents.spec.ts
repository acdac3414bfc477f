// The demo agents' own outputs, scored as the host will score them: each against the output schema
// its card declares, in the quality domain its skill declares, with the default thresholds.
import { createDemoAgents, createSimulatorAgent, type Agent } from '@a2a-mcp/agents';
import type { TaskRequest } from '@a2a-mcp/core-graph';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQualityDomain, validateResponse, createQualityScorer, type QualityResult } from '../src';
import { fakeContext, taskRequest } from './support/fixtures';

const demoAgents = createDemoAgents();
const agentsByName = new Map<string, Agent>([...demoAgents, createSimulatorAgent()].map((agent) => [agent.card.name, agent]));

function skillOf(agent: Agent) {
  const metadata = agent.card.skills[0].metadata;
  if (metadata?.outputSchema === undefined || metadata.qualityDomain === undefined) {
    throw new Error(`${agent.card.name} declares no output schema or quality domain`);
  }
  return { ...metadata, outputSchema: metadata.outputSchema, qualityDomain: parseQualityDomain(metadata.qualityDomain) };
}

async function judge(agent: Agent, task: TaskRequest): Promise<{ output: unknown; result: QualityResult }> {
  const output = await agent.execute(task, fakeContext(task.taskId, task.runId));
  const skill = skillOf(agent);
  const result = validateResponse(output, { domain: skill.qualityDomain, description: task.description, outputSchema: skill.outputSchema });
  return { output, result };
}

describe('every demo agent passes its own domain with its own output', () => {
  const cases = demoAgents.flatMap((agent) => (agent.card.skills[0].examples ?? []).map((example): [string, string, Agent] => [agent.card.name, example, agent]));

  it.each(cases)('%s: "%s"', async (_, description, agent) => {
    const { result } = await judge(agent, taskRequest({ agent: agent.card.name, description, input: { durationMs: 0 } }));
    expect(result.aspects.completeness).toEqual({ score: 1, reasons: [] });
    expect(result.qualityIssues).toEqual([]);
    expect(result.qualityApproved).toBe(true);
  });

  it('covers all ten demo agents', () => {
    expect(new Set(cases.map(([name]) => name)).size).toBe(10);
  });
});

interface PlanTask {
  id: string;
  description: string;
  agent: string;
  dependencies?: string[];
  qualityDomain?: string;
  input?: Record<string, unknown>;
}

/**
 * Known shortfalls of the demo agents against the default thresholds, reported to the lead rather
 * than hidden by lower thresholds. Remove an entry when the agent is fixed (this test then fails).
 * - reporting_agent in data-pipeline: its report of upstream results does not use the request's
 *   words "aggregate" and "results", so personal_sustainability (= relevance) is 1/3 < 0.7.
 */
const KNOWN_SHORTFALLS: Record<string, string[]> = {};

describe('the example plans, run task by task with real dependency outputs', () => {
  const examples = join(__dirname, '../../../examples');
  const registrySchemas = (name: string) => agentsByName.get(name)?.card.skills[0].metadata?.outputSchema;
  const registryDomains = (name: string) => agentsByName.get(name)?.card.skills[0].metadata?.qualityDomain;
  const scorer = createQualityScorer({ resolveOutputSchema: registrySchemas, resolveAgentDomain: registryDomains });

  it.each(['data-pipeline', 'ecommerce-order', 'custom-dependencies', 'uneven-pipelines'])('%s', async (name) => {
    const plan = JSON.parse(readFileSync(join(examples, `${name}.json`), 'utf8')) as { tasks: PlanTask[] };
    const outputs: Record<string, unknown> = {};
    const shortfalls: Record<string, string[]> = {};
    // The example plans list tasks in dependency order.
    for (const spec of plan.tasks) {
      const agent = agentsByName.get(spec.agent);
      if (agent === undefined) throw new Error(`${name}: unknown agent ${spec.agent}`);
      const task = taskRequest({
        runId: `run-${name}`,
        taskId: spec.id,
        agent: spec.agent,
        description: spec.description,
        input: { ...spec.input, durationMs: 0 },
        dependencyOutputs: Object.fromEntries((spec.dependencies ?? []).map((id) => [id, outputs[id]])),
        metadata: spec.qualityDomain === undefined ? {} : { qualityDomain: spec.qualityDomain },
      });
      outputs[spec.id] = await agent.execute(task, fakeContext(spec.id, task.runId));
      const verdict = scorer(task, outputs[spec.id]);
      // Completeness against the declared schema, whatever the domain's metrics are called.
      const schema = registrySchemas(spec.agent);
      expect(validateResponse(outputs[spec.id], { outputSchema: schema }).aspects.completeness.score).toBe(1);
      const codes = (verdict?.issues ?? []).filter((issue) => issue.endsWith('_not_met') || issue.endsWith('_missing') || issue === 'validator_error');
      if (!verdict?.approved) shortfalls[`${name}/${spec.id}`] = codes;
    }
    const expected = Object.fromEntries(Object.entries(KNOWN_SHORTFALLS).filter(([key]) => key.startsWith(`${name}/`)));
    expect(shortfalls).toEqual(expected);
  });
});
