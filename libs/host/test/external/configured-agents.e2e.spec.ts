import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeLlm, type FakeLlm } from '@a2a-mcp/llm/testing';
import { get, post } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

// A host with a child MCP server and a fake LLM endpoint: generous under a loaded CI machine.
jest.setTimeout(60_000);

const root = join(__dirname, '..', '..', '..', '..');

interface AgentItem {
  name: string;
  transport: string;
  address: string;
  skills: Array<{ id: string }>;
  pool?: { created: number; reused: number };
}

type TaskView = { status: string; output?: Record<string, unknown>; error?: { code: string; message: string } };

async function finishedRun(host: string, runId: string): Promise<{ status: string; tasks: Record<string, TaskView> }> {
  for (let i = 0; i < 600; i++) {
    const run = await get<{ status: string; tasks: Record<string, TaskView> }>(`${host}/v1/runs/${runId}`);
    if (!['pending', 'running'].includes(run.body.status)) return run.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${runId} did not finish`);
}

async function run(host: string, tasks: unknown[]): Promise<{ status: string; tasks: Record<string, TaskView> }> {
  const started = await post<{ runId: string }>(`${host}/v1/runs`, { plan: { tasks } });
  expect(started.status).toBe(202);
  return finishedRun(host, started.body.runId);
}

/**
 * Agents the configuration names, through the whole host: MCP_SERVERS starts the example MCP server as a
 * child process and its tools become one agent's skills; LLM_AGENTS makes an agent of a model behind an
 * OpenAI-compatible endpoint (a fake one here). Plans name them like any agent.
 */
describe('agents from MCP_SERVERS and LLM_AGENTS, through the host', () => {
  let dir: string;
  let llm: FakeLlm;
  let host: TestApp;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'host-configured-agents-'));
    llm = await startFakeLlm((call) =>
      call === 0
        ? { content: 'not JSON at all' }
        : { content: '```json\n{"summary": "Sales grew 12% in Q3.", "keyPoints": ["growth", "Q3"]}\n```', usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 } },
    );
    const llmAgents = JSON.parse(readFileSync(join(root, 'examples', 'llm-agents', 'ollama.json'), 'utf8')) as { agents: Array<{ endpoint: Record<string, unknown> }> };
    llmAgents.agents[0].endpoint = { ...llmAgents.agents[0].endpoint, url: llm.baseUrl, model: 'fake-model' };
    writeFileSync(join(dir, 'llm-agents.json'), JSON.stringify(llmAgents));
    // The example's paths are relative to the repository root; Jest may run elsewhere.
    writeFileSync(join(dir, 'mcp-servers.json'), JSON.stringify({ servers: [{ name: 'text_tools', command: process.execPath, args: ['examples/mcp-server/text-tools-server.js'], cwd: root }] }));
    host = await startTestApp({ LLM_AGENTS: join(dir, 'llm-agents.json'), MCP_SERVERS: join(dir, 'mcp-servers.json') });
  });

  afterAll(async () => {
    await host?.close();
    await llm?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists them with their transports and skills', async () => {
    const { body } = await get<{ items: AgentItem[] }>(`${host.url}/v1/agents`);
    const byName = new Map(body.items.map((item) => [item.name, item]));
    expect(byName.get('text_tools')).toMatchObject({ transport: 'mcp' });
    expect(byName.get('text_tools')?.skills.map((skill) => skill.id).sort()).toEqual(['shout', 'word_count']);
    expect(byName.get('summarizer')).toMatchObject({ transport: 'llm' });
    expect(byName.get('summarizer')?.address).toContain(llm.baseUrl);
  });

  it('runs a tool call and an LLM task; a reply that is not JSON is retried, and the usage lands in the output', async () => {
    const result = await run(host.url, [
      { id: 'count', description: 'Count the words of the note', agent: 'text_tools', dependencies: [], input: { tool: 'word_count', text: 'ship it before Friday' } },
      { id: 'summary', description: 'Summarize the quarterly report', agent: 'summarizer', dependencies: ['count'], input: { report: 'Q3 sales: +12%' }, maxRetries: 2 },
    ]);
    expect(result.status).toBe('completed');
    expect(result.tasks.count.output).toEqual({ words: 4, characters: 21 });
    expect(result.tasks.summary.output).toEqual({
      summary: 'Sales grew 12% in Q3.',
      keyPoints: ['growth', 'Q3'],
      usage: { model: 'fake-model', promptTokens: 120, completionTokens: 30, totalTokens: 150 },
    });
    // The first reply was not JSON: one more call; the task saw its dependency's output.
    expect(llm.requests.length).toBe(2);
    expect(llm.requests[1].body.messages.map((message) => message.content).join('\n')).toContain('"words":4');
  });

  it('fails a tool call whose input breaks the tool schema at once, naming the field, without retrying', async () => {
    const result = await run(host.url, [{ id: 'shout', description: 'Shout the title', agent: 'text_tools', dependencies: [], input: { tool: 'shout', text: 42 }, maxRetries: 3 }]);
    expect(result.status).toBe('failed');
    expect(result.tasks.shout.error?.code).toBe('MCP_BAD_INPUT');
    expect(result.tasks.shout.error?.message).toMatch(/\/text/);
  });
});
