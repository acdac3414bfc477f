import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { examplePath } from './support/fake-io';

// `a2a-mcp mcp` end to end: the built CLI (bin/a2a-mcp.js → dist, which loads the built host) as a
// child process, spoken to by the MCP SDK's own stdio client. The test target depends on the build
// (project.json), so nothing is built here. Generous timeouts: the host boots in the child.
jest.setTimeout(60_000);

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'apps', 'cli', 'bin', 'a2a-mcp.js');

/** The parent's environment without the variables that would change the host (an LLM planner above all). */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(PLANNER|LOG_LEVEL|AGENTS_|ORCHESTRATION_MODE|CUSTOM_DEPENDENCIES_FILE)/.test(name)) env[name] = value;
  }
  return { ...env, ...extra };
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

describe('a2a-mcp mcp: the orchestrator as an MCP server over stdio', () => {
  let client: Client;
  let transport: StdioClientTransport;
  const clientErrors: Error[] = [];
  let stderr = '';

  beforeAll(async () => {
    transport = new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp'], cwd: repoRoot, env: childEnv(), stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'a2a-mcp-stdio-test', version: '1.0.0' });
    // A line on stdout that is not a JSON-RPC message would arrive here.
    client.onerror = (error) => clientErrors.push(error);
    await client.connect(transport);
  });

  afterAll(async () => {
    await client?.close();
  });

  it('lists the same tools as /mcp, with input schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['answer_input', 'cancel_run', 'find_agent', 'get_run', 'list_agents', 'plan', 'run_workflow']);
    const find = tools.find((tool) => tool.name === 'find_agent')!;
    expect(find.inputSchema).toMatchObject({ properties: { query: { type: 'string' } }, required: ['query'] });
    expect(client.getServerVersion()).toMatchObject({ name: 'a2a-mcp' });
  });

  it('run_workflow runs the e-commerce plan with progress notifications', async () => {
    const plan = JSON.parse(readFileSync(examplePath('ecommerce-order.json'), 'utf8')) as Record<string, unknown>;
    const progress: Progress[] = [];
    const result = (await client.callTool({ name: 'run_workflow', arguments: { plan } }, undefined, {
      timeout: 60_000,
      onprogress: (notification) => progress.push(notification),
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const run = result.structuredContent as { status: string; successful: string[]; tasks: Record<string, { status: string }> };
    expect(run.status).toBe('completed');
    expect(run.successful.sort()).toEqual(['email', 'inventory', 'payment', 'shipping', 'sms']);
    // The SDK client drops a progress notification that reaches it in the same read as the response
    // (modelcontextprotocol/typescript-sdk#2580, a race servers cannot avoid): the last one may be missing.
    const seen = progress.map((p) => p.progress);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5].slice(0, seen.length));
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(progress.every((p) => p.total === 5)).toBe(true);
    expect(progress.slice(1).every((p) => /^task \w+ completed$/.test(p.message ?? ''))).toBe(true);
  });

  it('reads an agent card resource', async () => {
    const { contents } = await client.readResource({ uri: 'resource://agent_cards/payment_processor' });
    expect(JSON.parse(String((contents[0] as { text: string }).text))).toMatchObject({ name: 'payment_processor' });
  });

  it('writes nothing but MCP messages to stdout', () => {
    // Only the SDK's own late-progress race (see above) may reach onerror; a stray stdout line would too.
    expect(clientErrors.filter((error) => !/progress notification for an unknown token/.test(error.message))).toEqual([]);
    expect(stderr).not.toMatch(/Error|at .*\(.*\.js:\d+/);
  });
});

/** The CLI's child process, raw: what it writes and how it ends. */
function startMcp(env: Record<string, string> = {}): { child: ChildProcessWithoutNullStreams; stdout: () => string; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, 'mcp'], { cwd: repoRoot, env: childEnv(env) });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function untilStdout(started: ReturnType<typeof startMcp>, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 3000 && !pattern.test(started.stdout()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(started.stdout()).toMatch(pattern);
}

describe('a2a-mcp mcp: how it ends', () => {
  it('exits 0 when the client closes its input, having written only JSON-RPC lines', async () => {
    const started = startMcp({ LOG_LEVEL: 'debug' });
    started.child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
    await untilStdout(started, /"id":1/);
    started.child.stdin.end();
    expect(await started.exit).toBe(0);
    const lines = started.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'a2a-mcp' } } });
    // Debug logging went somewhere: stderr, not stdout.
    expect(started.stderr().length).toBeGreaterThan(0);
  });

  it('exits 0 on SIGTERM', async () => {
    const started = startMcp();
    started.child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
    await untilStdout(started, /"id":1/);
    started.child.kill('SIGTERM');
    expect(await started.exit).toBe(0);
  });

  it('a bad setting exits 2 with one line naming the variable, nothing on stdout', async () => {
    const started = startMcp({ MAX_CONCURRENT_TASKS: 'many' });
    started.child.stdin.end();
    expect(await started.exit).toBe(2);
    expect(started.stdout()).toBe('');
    const lines = started.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^a2a-mcp: \[INVALID_CONFIG\] .*MAX_CONCURRENT_TASKS="many"/);
  });
});
