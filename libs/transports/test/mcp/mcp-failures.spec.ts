import { TaskError, type TaskContext } from '@a2a-mcp/core-graph';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { UrlGuard, connectMcpServer, type ExternalAgent } from '../../src';
import { FIXTURE_SERVER, StderrLines, stdioEntry } from './support/mcp-fixtures';

/** The fixture server over stdio: paged tools, arguments checked before the call, abort, timeout, a crash and the reconnect. */
describe('MCP over stdio: failures become TaskErrors, a dead child is replaced', () => {
  let agent: ExternalAgent;
  const stderr = new StderrLines();
  const guard = new UrlGuard();

  beforeAll(async () => {
    agent = await connectMcpServer(stdioEntry('fixture', FIXTURE_SERVER), { guard, onStderr: stderr.onStderr });
  }, 30_000);
  afterAll(() => agent.close());

  const task = (taskId: string, input: Record<string, unknown>, timeoutMs?: number) =>
    createTaskRequest({ taskId, agent: 'fixture', input, metadata: timeoutMs === undefined ? {} : { timeoutMs } });

  async function failureOf(promise: Promise<unknown>): Promise<TaskError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TaskError);
    return error as TaskError;
  }

  /** A context whose first progress report resolves `firstProgress`. */
  function watchedContext(runId: string): { ctx: TaskContext; controller: AbortController; firstProgress: Promise<{ pct: number; message?: string }> } {
    const standalone = createStandaloneContext({ runId });
    let reported!: (value: { pct: number; message?: string }) => void;
    const firstProgress = new Promise<{ pct: number; message?: string }>((resolve) => (reported = resolve));
    const ctx: TaskContext = { ...standalone.ctx, progress: (pct, message) => reported({ pct, ...(message === undefined ? {} : { message }) }) };
    return { ctx, controller: standalone.controller, firstProgress };
  }

  it('follows the paged tool list: every page becomes skills', () => {
    expect(agent.card.skills.map((skill) => skill.id)).toEqual(['wait', 'crash', 'whoami', 'echo']);
  });

  it('bad arguments never reach the server (it logs every call it gets)', async () => {
    const wrongType = await failureOf(agent.executor.execute(task('e1', { tool: 'echo', n: 'two' }), createStandaloneContext().ctx));
    expect(wrongType).toMatchObject({ code: 'MCP_BAD_INPUT', retryable: false });
    expect(wrongType.message).toBe('task "e1" (agent "fixture"): the arguments of the tool "echo" do not match its input schema: /n must be integer');
    const extra = await failureOf(agent.executor.execute(task('e2', { tool: 'echo', arguments: { n: 1, m: 2 } }), createStandaloneContext().ctx));
    expect(extra.message).toMatch(/"echo" do not match its input schema: \/m must NOT have additional properties$/);
    const notObject = await failureOf(agent.executor.execute(task('e3', { tool: 'echo', arguments: [1] }), createStandaloneContext().ctx));
    expect(notObject.message).toBe('task "e3" (agent "fixture"): input.arguments must be an object of arguments for the tool "echo", got [1]');

    // JSON text content is parsed into the output.
    await expect(agent.executor.execute(task('e4', { tool: 'echo', n: 2 }), createStandaloneContext().ctx)).resolves.toEqual({ n: 2 });
    // The server handles calls in order: had a bad call reached it, its line would come before this one.
    await stderr.waitFor(/called echo \{"n":2\}/);
    expect(stderr.count(/called echo/)).toBe(1);
  });

  it('reports the tool progress, and an abort cancels the call on the server', async () => {
    const { ctx, controller, firstProgress } = watchedContext('mcp-abort');
    const call = agent.executor.execute(task('waiting', { tool: 'wait' }), ctx);
    await expect(firstProgress).resolves.toEqual({ pct: 25, message: 'waiting' });
    const cancelledBefore = stderr.count(/wait cancelled/);
    controller.abort(new TaskError('TASK_CANCELLED', 'the run was cancelled', false));

    await expect(call).rejects.toMatchObject({ code: 'TASK_CANCELLED', message: 'the run was cancelled' });
    await stderr.waitFor(/wait cancelled/, cancelledBefore + 1);
    expect(agent.poolStats!()).toMatchObject({ size: 1, inUse: 0 });
  });

  it('a task timeout ends the call with TASK_TIMEOUT and cancels it on the server', async () => {
    const cancelledBefore = stderr.count(/wait cancelled/);
    const error = await failureOf(agent.executor.execute(task('slow', { tool: 'wait' }, 300), createStandaloneContext().ctx));
    expect(error).toMatchObject({ code: 'TASK_TIMEOUT', retryable: true });
    expect(error.message).toBe(`agent "fixture" over mcp at stdio:${process.execPath} did not answer within 300 ms`);
    await stderr.waitFor(/wait cancelled/, cancelledBefore + 1);
  });

  it('a child that crashes is AGENT_UNAVAILABLE, and the next call starts a new one', async () => {
    const first = (await agent.executor.execute(task('who1', { tool: 'whoami' }), createStandaloneContext().ctx)) as { pid: number };
    const createdBefore = agent.poolStats!()!.created;

    const crash = await failureOf(agent.executor.execute(task('boom', { tool: 'crash' }), createStandaloneContext().ctx));
    expect(crash).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
    expect(crash.message).toMatch(new RegExp(`^agent "fixture" is unavailable over mcp at stdio:${escape(process.execPath)}: the connection closed`));
    expect(agent.poolStats!()).toMatchObject({ size: 0 });

    const second = (await agent.executor.execute(task('who2', { tool: 'whoami' }), createStandaloneContext().ctx)) as { pid: number; calls: number };
    expect(second.pid).not.toBe(first.pid);
    expect(second.calls).toBe(1);
    expect(agent.poolStats!()).toMatchObject({ size: 1, created: createdBefore + 1 });
    expect(() => process.kill(first.pid, 0)).toThrow();
  });

  it('a cancel while the dead child is being replaced ends the attempt at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-fixture-'));
    const slow = await connectMcpServer({ ...stdioEntry('slow', FIXTURE_SERVER), env: { FIXTURE_SLOW_RESTART: join(dir, 'started') } }, { guard });
    try {
      await failureOf(slow.executor.execute(task('boom', { tool: 'crash' }), createStandaloneContext().ctx));
      const { ctx, controller } = createStandaloneContext();
      const call = slow.executor.execute(task('who', { tool: 'whoami' }), ctx);
      // The restarted child takes 30 s to answer: without the cancel the call would wait for it.
      setImmediate(() => controller.abort(new TaskError('TASK_CANCELLED', 'the run was cancelled', false)));
      await expect(call).rejects.toMatchObject({ code: 'TASK_CANCELLED' });
    } finally {
      // close() gives up the slow opening too: the child is stopped, not awaited for 30 s.
      await slow.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('a command that cannot start is AGENT_UNAVAILABLE at connect, naming the server and why', async () => {
    const missing = connectMcpServer({ name: 'ghost', command: '/nonexistent/mcp-server' }, { guard });
    await expect(missing).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
    await expect(missing).rejects.toThrow(/^agent "ghost" is unavailable over mcp at stdio:\/nonexistent\/mcp-server: cannot connect: .*ENOENT/);

    const quits = connectMcpServer({ name: 'quitter', command: process.execPath, args: ['-e', 'process.stderr.write("no config\\n"); process.exit(2)'] }, { guard, timeoutMs: 20_000 });
    await expect(quits).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE' });
  });

  it('a server listing two tools with one name is INVALID_MCP_SERVER (env reaches the child)', async () => {
    const broken = connectMcpServer({ ...stdioEntry('broken', FIXTURE_SERVER), env: { FIXTURE_DUPLICATE_TOOLS: '1' } }, { guard });
    await expect(broken).rejects.toMatchObject({
      code: 'INVALID_MCP_SERVER',
      retryable: false,
      message: 'MCP server "broken" lists two tools named "echo": a task could not say which it calls',
    });
  });

  it('close() stops the child process', async () => {
    const other = await connectMcpServer(stdioEntry('fixture', FIXTURE_SERVER), { guard });
    const { pid } = (await other.executor.execute(task('who', { tool: 'whoami' }), createStandaloneContext().ctx)) as { pid: number };
    await other.close();
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(other.executor.execute(task('late', { tool: 'whoami' }), createStandaloneContext().ctx)).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE' });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
