import { ParallelWorkflowGraph, TaskError, runWorkflow } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { UrlGuard, connectMcpServer, type ExternalAgent } from '../../src';
import { StderrLines, TEXT_TOOLS_SERVER, stdioEntry } from './support/mcp-fixtures';

/** The example server (examples/mcp-server) spawned over stdio by the SDK's transport, as the host does. */
describe('MCP over stdio: the example text_tools server as an agent', () => {
  let agent: ExternalAgent;
  const stderr = new StderrLines();

  beforeAll(async () => {
    agent = await connectMcpServer(stdioEntry('text_tools', TEXT_TOOLS_SERVER), { guard: new UrlGuard(), onStderr: stderr.onStderr });
  }, 30_000);
  afterAll(() => agent.close());

  const task = (taskId: string, input: Record<string, unknown>) => createTaskRequest({ taskId, agent: 'text_tools', input });

  async function failureOf(promise: Promise<unknown>): Promise<TaskError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TaskError);
    return error as TaskError;
  }

  it('becomes one agent named after the server, one skill per tool with tags and the output schema', () => {
    expect(agent.transport).toBe('mcp');
    expect(agent.address).toBe(`stdio:${process.execPath}`);
    expect(agent.card).toMatchObject({ name: 'text_tools', version: '1.0.0', description: 'Counts and shouts text.' });
    expect(agent.card.skills.map((skill) => skill.id)).toEqual(['word_count', 'shout']);
    const [wordCount, shout] = agent.card.skills;
    expect(wordCount).toMatchObject({ name: 'Count words', description: 'Count the words and characters of a text' });
    expect(wordCount.tags).toEqual(expect.arrayContaining(['word', 'count', 'words', 'characters', 'text']));
    expect(wordCount.tags).not.toContain('the');
    expect(wordCount.metadata?.outputSchema).toMatchObject({ type: 'object', required: ['words', 'characters'] });
    expect(shout.metadata?.outputSchema).toMatchObject({ properties: { text: { type: 'string' } } });
    // A planner puts the matched tool in input.tool.
    expect(agent.card.skills.map((skill) => skill.metadata?.selectWith)).toEqual(['tool', 'tool']);
  });

  it("the server's stderr comes to onStderr line by line (piped, never inherited)", async () => {
    await stderr.waitFor(/^text_tools: ready$/);
  });

  it('a valid call returns the structured content and names where it ran', async () => {
    const { ctx } = createStandaloneContext({ runId: 'mcp-ok' });
    const served: string[] = [];
    ctx.servedBy = (where) => served.push(where);
    await expect(agent.executor.execute(task('count', { tool: 'word_count', text: 'three little words' }), ctx)).resolves.toEqual({ words: 3, characters: 18 });
    expect(served).toEqual(['mcp:text_tools']);
  });

  it('takes the arguments from input.arguments when the input has that key', async () => {
    const { ctx } = createStandaloneContext({ runId: 'mcp-arguments' });
    await expect(agent.executor.execute(task('shout', { tool: 'shout', arguments: { text: 'hello' } }), ctx)).resolves.toEqual({ text: 'HELLO' });
  });

  // That nothing reaches the server is shown where the server logs every call it gets (mcp-failures, mcp-http):
  // this server's SDK would refuse such arguments itself, before its tool ran.
  it('invalid arguments fail with MCP_BAD_INPUT naming the task, the tool and the field', async () => {
    const wrongType = await failureOf(agent.executor.execute(task('loud', { tool: 'shout', text: 42 }), createStandaloneContext().ctx));
    expect(wrongType).toMatchObject({ code: 'MCP_BAD_INPUT', retryable: false });
    expect(wrongType.message).toBe('task "loud" (agent "text_tools"): the arguments of the tool "shout" do not match its input schema: /text must be string');

    const missing = await failureOf(agent.executor.execute(task('loud', { tool: 'shout' }), createStandaloneContext().ctx));
    expect(missing.message).toMatch(/the tool "shout" do not match its input schema: \/text must have required property 'text'/);
    const empty = await failureOf(agent.executor.execute(task('loud', { tool: 'shout', text: '' }), createStandaloneContext().ctx));
    expect(empty.message).toMatch(/\/text must NOT have fewer than 1 characters/);
  });

  describe('a task without input.tool on a server of several tools', () => {
    const described = (taskId: string, description: string, input: Record<string, unknown>) =>
      createTaskRequest({ taskId, agent: 'text_tools', description, input });

    it('calls the tool its description clearly asks for', async () => {
      const calls = stderr.count(/called word_count$/);
      const { ctx } = createStandaloneContext({ runId: 'mcp-described' });
      await expect(agent.executor.execute(described('count', 'count the words of this note', { text: 'a short note' }), ctx)).resolves.toEqual({
        words: 3,
        characters: 12,
      });
      await stderr.waitFor(/called word_count$/, calls + 1);
      await expect(agent.executor.execute(described('loud', 'Shout the title', { text: 'hi' }), createStandaloneContext().ctx)).resolves.toEqual({ text: 'HI' });
    });

    it('fails MCP_BAD_INPUT listing the tools and asking for input.tool when no tool clearly wins', async () => {
      const tie = await failureOf(agent.executor.execute(described('tie', 'process the text', { text: 'hi' }), createStandaloneContext().ctx));
      expect(tie).toMatchObject({ code: 'MCP_BAD_INPUT', retryable: false });
      expect(tie.message).toBe(
        'task "tie" (agent "text_tools"): input.tool must name the tool to call: the MCP server "text_tools" has 2 (word_count, shout) and the task\'s description "process the text" fits word_count and shout equally; set input.tool to one of them',
      );
      const none = await failureOf(agent.executor.execute(task('which', { text: 'hi' }), createStandaloneContext().ctx));
      expect(none.message).toBe(
        'task "which" (agent "text_tools"): input.tool must name the tool to call: the MCP server "text_tools" has 2 (word_count, shout) and the task\'s description "a task" names none of them; set input.tool to one of them',
      );
    });

    it('takes no arguments from the description: a chosen tool without its required field fails naming it', async () => {
      const error = await failureOf(agent.executor.execute(described('bare', 'count the words of the note', {}), createStandaloneContext().ctx));
      expect(error).toMatchObject({ code: 'MCP_BAD_INPUT', retryable: false });
      expect(error.message).toBe(
        'task "bare" (agent "text_tools"): the arguments of the tool "word_count" do not match its input schema: /text must have required property \'text\'',
      );
    });
  });

  it('a planned task (input.tool set by the planner, the arguments added) calls that tool whatever its description', async () => {
    const planned = createTaskRequest({ taskId: 'planned', agent: 'text_tools', description: 'shout the words', input: { tool: 'word_count', text: 'two words' } });
    await expect(agent.executor.execute(planned, createStandaloneContext().ctx)).resolves.toEqual({ words: 2, characters: 9 });
  });

  it('an unknown tool is MCP_UNKNOWN_TOOL listing the tools, with a suggestion', async () => {
    const error = await failureOf(agent.executor.execute(task('typo', { tool: 'word-cont', text: 'hi' }), createStandaloneContext().ctx));
    expect(error).toMatchObject({ code: 'MCP_UNKNOWN_TOOL', retryable: false });
    expect(error.message).toBe('task "typo": the MCP server "text_tools" has no tool "word-cont" (tools: word_count, shout); did you mean "word_count"?');
    const far = await failureOf(agent.executor.execute(task('far', { tool: 'translate' }), createStandaloneContext().ctx));
    expect(far.message).not.toMatch(/did you mean/);
  });

  it('a tool that answers isError fails with MCP_TOOL_ERROR carrying its text, retryable', async () => {
    const error = await failureOf(agent.executor.execute(task('quiet', { tool: 'shout', text: '1 2 3' }), createStandaloneContext().ctx));
    expect(error).toMatchObject({ code: 'MCP_TOOL_ERROR', retryable: true });
    expect(error.message).toBe('task "quiet": the tool "shout" of the MCP server "text_tools" failed: nothing to shout: "1 2 3" has no letters');
  });

  it('counts one connection and the calls that reused it', async () => {
    const before = agent.poolStats!()!;
    await agent.executor.execute(task('again', { tool: 'word_count', text: 'a b' }), createStandaloneContext().ctx);
    const after = agent.poolStats!()!;
    expect(after).toMatchObject({ transport: 'mcp', address: `stdio:${process.execPath}`, size: 1, inUse: 0, created: 1 });
    expect(after.reused).toBe(before.reused + 1);
  });

  it('runs a plan through the engine: outputs, servedBy, a failed task', async () => {
    const graph = ParallelWorkflowGraph.fromSpecs([
      { id: 'count', description: 'Count the words', agent: 'text_tools', input: { tool: 'word_count', text: 'one two' } },
      { id: 'shout', description: 'Shout it', agent: 'text_tools', input: { tool: 'shout', text: 'one two' } },
      { id: 'bad', description: 'Shout a number', agent: 'text_tools', input: { tool: 'shout', text: 7 } },
    ]);
    const result = await runWorkflow(graph, agent.executor, { runId: 'mcp-engine', strategy: 'parallel' }).result;
    expect(result.tasks.count).toMatchObject({ status: 'completed', output: { words: 2, characters: 7 }, servedBy: 'mcp:text_tools' });
    expect(result.tasks.shout).toMatchObject({ status: 'completed', output: { text: 'ONE TWO' } });
    expect(result.tasks.bad).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'MCP_BAD_INPUT' } });
  });
});
