import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { examplePlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { CALL_TIMEOUT_MS, textOf } from '../mcp/mcp-client';
import { API_KEYS, KEYS, bearer, call, startPausedRun } from './support/auth-fixtures';

jest.setTimeout(60_000);

interface McpConnection {
  client: Client;
  transport: StreamableHTTPClientTransport;
}

describe('AUTH_MODE=apikey at /mcp: sessions and tools act for the caller and its tenant', () => {
  let t: TestApp;
  let globexRun: string;
  const open: McpConnection[] = [];

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'apikey', API_KEYS });
    globexRun = await startPausedRun(t.url, KEYS.globex);
  });
  afterAll(async () => {
    for (const { client } of open) await client.close();
    await t.close();
  });

  async function connect(key: string): Promise<McpConnection> {
    const client = new Client({ name: 'a2a-mcp-security-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${t.url}/mcp`), { requestInit: { headers: bearer(key) } });
    await client.connect(transport);
    open.push({ client, transport });
    return { client, transport };
  }

  async function tool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    return (await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_TIMEOUT_MS })) as CallToolResult;
  }

  it('401 for /mcp without a key, before any session opens', async () => {
    const refused = await call('POST', `${t.url}/mcp`, undefined, { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(refused.headers.get('mcp-session-id')).toBeNull();
  });

  it("get_run, cancel_run and answer_input on another tenant's run: RUN_NOT_FOUND, and the run is untouched", async () => {
    const { client } = await connect(KEYS.acme);
    for (const [name, args] of [
      ['get_run', { runId: globexRun }],
      ['get_run', { runId: globexRun.slice(0, 8) }],
      ['cancel_run', { runId: globexRun }],
      ['answer_input', { runId: globexRun, taskId: 'approval', answer: 'yes', wait: false }],
    ] as const) {
      const result = await tool(client, name, args);
      expect({ name, isError: result.isError, text: textOf(result) }).toEqual({ name, isError: true, text: expect.stringMatching(/^RUN_NOT_FOUND/) });
      expect(JSON.stringify(result)).not.toContain('approval_agent');
    }
    const own = await call<{ status: string; tasks: Record<string, { status: string }> }>('GET', `${t.url}/v1/runs/${globexRun}`, KEYS.globex);
    expect(own.body.tasks.approval.status).toBe('paused');
  });

  it('run_workflow runs for the caller: its tenant sees the run, another does not', async () => {
    const { client } = await connect(KEYS.acme);
    const result = await tool(client, 'run_workflow', { plan: examplePlan('ecommerce-order') });
    expect(result.isError).toBeFalsy();
    const runId = (result.structuredContent as { runId: string }).runId;
    expect((await call('GET', `${t.url}/v1/runs/${runId}`, KEYS.acme)).status).toBe(200);
    expect((await call('GET', `${t.url}/v1/runs/${runId}`, KEYS.globex)).status).toBe(404);

    const globex = await connect(KEYS.globex);
    expect(textOf(await tool(globex.client, 'get_run', { runId }))).toMatch(/^RUN_NOT_FOUND/);
    expect(textOf(await tool(client, 'get_run', { runId }))).toMatch(/completed/);
  });

  it('each tool checks its scope: a read-only key may read but not run, FORBIDDEN naming the scope', async () => {
    const { client } = await connect(KEYS.acmeReader);
    const refused = await tool(client, 'run_workflow', { plan: examplePlan('ecommerce-order') });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/^FORBIDDEN: the tool run_workflow needs the scope runs:write/);
    expect(textOf(await tool(client, 'list_agents', {}))).toMatch(/^FORBIDDEN: .*agents:read/);
    await expect(client.readResource({ uri: 'resource://agent_cards/list' })).rejects.toThrow(/agents:read/);
    const acmeRun = await startPausedRun(t.url, KEYS.acme);
    expect((await tool(client, 'get_run', { runId: acmeRun })).isError).toBeFalsy();
  });

  it("a session belongs to the key that opened it: another key naming its id is told it does not exist", async () => {
    const { transport } = await connect(KEYS.acme);
    const sessionId = transport.sessionId!;
    const headers = { ...bearer(KEYS.globex), 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': sessionId };
    const hijack = await fetch(`${t.url}/mcp`, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list', params: {} }) });
    expect(hijack.status).toBe(404);
    expect(await hijack.text()).toMatch(/Session not found/);
  });
});
