import type { AgentCard, AgentSkill } from '@a2a-mcp/agents';
import { DeterministicPlanner, type Plan } from '../src';
import { demoCards, expectValid } from './planning-helpers';

/**
 * An MCP server's agent as the transports lib makes it (examples/mcp-server's text_tools): one skill
 * per tool, flagged `selectWith: 'tool'` because a task must say which tool it calls.
 */
function textToolsCard(flagged: boolean): AgentCard {
  const tool = (id: string, name: string, description: string, tags: string[]): AgentSkill => ({
    id,
    name,
    description,
    tags,
    inputModes: ['application/json'],
    outputModes: ['application/json'],
    ...(flagged ? { metadata: { selectWith: 'tool' as const } } : {}),
  });
  return {
    name: 'text_tools',
    description: 'Counts and shouts text.',
    version: '1.0.0',
    capabilities: { streaming: false },
    defaultInputModes: ['application/json'],
    defaultOutputModes: ['application/json'],
    skills: [
      tool('word_count', 'Count words', 'Count the words and characters of a text', ['word', 'count', 'words', 'characters', 'text']),
      tool('shout', 'Shout text', 'Upper-case a text, as if shouted', ['shout', 'text', 'upper', 'case', 'if', 'shouted']),
    ],
  };
}

const planner = new DeterministicPlanner();

async function planWith(request: string, flagged = true): Promise<Plan> {
  const agents = [...demoCards(), textToolsCard(flagged)];
  const plan = await planner.plan(request, { agents });
  expectValid(plan, agents);
  return plan;
}

describe('DeterministicPlanner with an MCP server agent (skills picked by input.tool)', () => {
  it('puts the matched tool in input.tool: "count the words of the note" calls word_count', async () => {
    const plan = await planWith('convert 100 USD to EUR, then count the words of the note');
    const tasks = plan.tasks.filter((task) => task.agent === 'text_tools');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ description: 'count the words of the note', input: { tool: 'word_count' } });
  });

  it('two steps on the same server get one tool each', async () => {
    const plan = await planWith('count the words of the note and shout the title');
    expect(plan.tasks.map((task) => [task.agent, task.description, task.input])).toEqual([
      ['text_tools', 'count the words of the note', { tool: 'word_count' }],
      ['text_tools', 'shout the title', { tool: 'shout' }],
    ]);
  });

  it('keeps the order number beside the tool', async () => {
    const plan = await planWith('count the words of the note of order 1042');
    expect(plan.tasks.map((task) => task.input)).toEqual([{ orderId: '1042', tool: 'word_count' }]);
  });

  it('the same skills without the flag plan as before: no input.tool', async () => {
    const plan = await planWith('count the words of the note', false);
    expect(plan.tasks.map((task) => [task.agent, task.input])).toEqual([['text_tools', {}]]);
  });

  it('tasks of the other agents in the same plan get no tool', async () => {
    const plan = await planWith('charge the card for order 7 and then count the words of the note');
    const byAgent = Object.fromEntries(plan.tasks.map((task) => [task.agent, task.input]));
    expect(byAgent).toEqual({ payment_processor: { orderId: '7' }, text_tools: { orderId: '7', tool: 'word_count' } });
  });
});
