import { TaskError } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { UntrustedUrlError, UrlGuard, connectMcpServer, type ExternalAgent } from '../../src';
import { startHttpMcpServer, type RunningHttpMcpServer } from './support/http-mcp-server';

/** A Streamable HTTP MCP server started here (SDK server on node:http, 127.0.0.1, port 0). */
describe('MCP over Streamable HTTP', () => {
  let server: RunningHttpMcpServer;
  let agent: ExternalAgent | undefined;
  // AGENT_ALLOWED_HOSTS=127.0.0.1: the test server is on loopback, which the guard refuses otherwise.
  const allowLoopback = new UrlGuard({ allowedHosts: ['127.0.0.1'] });

  beforeEach(async () => {
    server = await startHttpMcpServer();
  });
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
    await server.close();
  });

  const task = (taskId: string, input: Record<string, unknown>) => createTaskRequest({ taskId, agent: 'calc', input });

  it('a tool call works when AGENT_ALLOWED_HOSTS lists the host; the headers are sent; the single tool is implied', async () => {
    agent = await connectMcpServer({ name: 'calc', url: server.url, headers: { authorization: 'Bearer t0ken' } }, { guard: allowLoopback });
    expect(agent.address).toBe(server.url);
    expect(agent.card).toMatchObject({ name: 'calc', url: server.url, version: '2.1.0' });
    expect(agent.card.skills.map((skill) => skill.id)).toEqual(['add']);

    const { ctx } = createStandaloneContext();
    const served: string[] = [];
    ctx.servedBy = (where) => served.push(where);
    await expect(agent.executor.execute(task('sum', { a: 2, b: 3 }), ctx)).resolves.toEqual({ sum: 5 });
    expect(served).toEqual(['mcp:calc']);
    expect(server.calls).toEqual(['add']);
    expect(server.headers.every((headers) => headers.authorization === 'Bearer t0ken')).toBe(true);
    expect(agent.poolStats!()).toEqual({ transport: 'mcp', address: server.url, size: 1, inUse: 0, created: 1, reused: 1 });
  });

  it('bad arguments are refused before any request is sent', async () => {
    agent = await connectMcpServer({ name: 'calc', url: server.url }, { guard: allowLoopback });
    const requestsBefore = server.methods.length;
    const error = await agent.executor.execute(task('bad', { a: 'two', b: 3 }), createStandaloneContext().ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'MCP_BAD_INPUT', message: 'task "bad" (agent "calc"): the arguments of the tool "add" do not match its input schema: /a must be number' });
    expect(server.methods.length).toBe(requestsBefore);
    expect(server.calls).toEqual([]);
  });

  it('without the allow-list the loopback URL is refused with UNTRUSTED_URL, and nothing is sent', async () => {
    const refused = connectMcpServer({ name: 'calc', url: server.url }, { guard: new UrlGuard() });
    await expect(refused).rejects.toBeInstanceOf(UntrustedUrlError);
    await expect(refused).rejects.toMatchObject({ code: 'UNTRUSTED_URL' });
    await expect(refused).rejects.toThrow(/MCP server "calc": 127\.0\.0\.1 is a loopback, private or link-local address \(127\.0\.0\.1\); list it in AGENT_ALLOWED_HOSTS/);
    expect(server.methods).toEqual([]);
  });

  it('a URL that is not http(s) is refused', async () => {
    await expect(connectMcpServer({ name: 'calc', url: 'ftp://127.0.0.1/mcp' }, { guard: allowLoopback })).rejects.toMatchObject({
      code: 'UNTRUSTED_URL',
      message: 'refused to call ftp://127.0.0.1/mcp: MCP server "calc" must be http or https, not ftp',
    });
  });

  it('a redirect to a private address is refused, not followed', async () => {
    const redirecting = await startHttpMcpServer({ redirectTo: 'http://10.0.0.7/mcp' });
    try {
      await expect(connectMcpServer({ name: 'calc', url: redirecting.url }, { guard: allowLoopback })).rejects.toMatchObject({
        code: 'UNTRUSTED_URL',
        message: expect.stringMatching(/^refused to call http:\/\/10\.0\.0\.7\/mcp: MCP server "calc" \(redirected\): 10\.0\.0\.7 is a loopback, private or link-local address/),
      });
      expect(redirecting.methods).toEqual(['POST']);
    } finally {
      await redirecting.close();
    }
  });

  it('a lost session is AGENT_UNAVAILABLE, and the next call opens a new one', async () => {
    agent = await connectMcpServer({ name: 'calc', url: server.url }, { guard: allowLoopback });
    await server.forgetSessions();
    const lost = await agent.executor.execute(task('lost', { a: 1, b: 1 }), createStandaloneContext().ctx).catch((caught: unknown) => caught);
    expect(lost).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
    expect((lost as TaskError).message).toMatch(new RegExp(`^agent "calc" is unavailable over mcp at ${server.url.replace(/[.]/g, '\\.')}: `));

    await expect(agent.executor.execute(task('again', { a: 1, b: 1 }), createStandaloneContext().ctx)).resolves.toEqual({ sum: 2 });
    expect(agent.poolStats!()).toMatchObject({ size: 1, created: 2 });
  });

  it('credentials the server stops accepting fail with MCP_UNAUTHORIZED, not retried', async () => {
    server.requiredAuthorization = 'Bearer one';
    agent = await connectMcpServer({ name: 'calc', url: server.url, headers: { authorization: 'Bearer one' } }, { guard: allowLoopback });
    server.requiredAuthorization = 'Bearer two';
    await expect(agent.executor.execute(task('auth', { a: 1, b: 1 }), createStandaloneContext().ctx)).rejects.toMatchObject({
      code: 'MCP_UNAUTHORIZED',
      retryable: false,
      message: 'task "auth": the MCP server "calc" refused the call (HTTP 401): check the headers of its MCP_SERVERS entry',
    });
  });

  it('close() ends the session on the server (DELETE)', async () => {
    agent = await connectMcpServer({ name: 'calc', url: server.url }, { guard: allowLoopback });
    await agent.close();
    agent = undefined;
    expect(server.methods).toContain('DELETE');
  });
});
