import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { UrlGuard, connectMcpServer, readMcpServersConfigFile, type ExternalAgent } from '@a2a-mcp/transports';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');

/** The committed examples/mcp-servers.json, connected as the host connects MCP_SERVERS (its paths are relative to the repo root). */
describe('examples/mcp-servers.json: the text_tools server as an agent', () => {
  let agent: ExternalAgent;

  beforeAll(async () => {
    const [entry] = readMcpServersConfigFile(resolve(REPO_ROOT, 'examples/mcp-servers.json')).servers;
    agent = await connectMcpServer({ ...entry, cwd: REPO_ROOT }, { guard: UrlGuard.fromEnv({}) });
  }, 30_000);
  afterAll(() => agent.close());

  const run = (tool: string, text: string) =>
    agent.executor.execute(createTaskRequest({ taskId: tool, agent: 'text_tools', input: { tool, text } }), createStandaloneContext().ctx);

  it('lists its two tools as skills', () => {
    expect(agent.card.name).toBe('text_tools');
    expect(agent.card.skills.map((skill) => [skill.id, skill.description])).toEqual([
      ['word_count', 'Count the words and characters of a text'],
      ['shout', 'Upper-case a text, as if shouted'],
    ]);
  });

  it('word_count counts words and characters (code points)', async () => {
    await expect(run('word_count', '  Grüße aus   Köln ')).resolves.toEqual({ words: 3, characters: 19 });
    await expect(run('word_count', '')).resolves.toEqual({ words: 0, characters: 0 });
  });

  it('shout upper-cases, and refuses text without letters as a tool error', async () => {
    await expect(run('shout', 'straße')).resolves.toEqual({ text: 'STRASSE' });
    await expect(run('shout', '42!')).rejects.toMatchObject({ code: 'MCP_TOOL_ERROR', message: expect.stringContaining('nothing to shout: "42!" has no letters') });
  });
});
