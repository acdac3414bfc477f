import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentCard } from '@a2a-js/sdk';
import { DefaultAgentCardResolver } from '@a2a-js/sdk/client';
import { get } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { a2aClient } from './support/a2a-client';

interface AgentListItem {
  name: string;
  skills: { id: string; tags: string[]; examples?: string[] }[];
}

/** GET with a Host header of our choosing (fetch does not let a caller set it). */
function getWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { ...headers, host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the host as an A2A agent: its agent card', () => {
  let host: TestApp;
  let card: AgentCard;

  beforeAll(async () => {
    host = await startTestApp();
    card = await (await a2aClient(host.url)).getAgentCard();
  });
  afterAll(() => host.close());

  it("is what the SDK's client reads at /.well-known/agent-card.json: name, version, streaming, the JSON-RPC interface at /a2a", async () => {
    const version = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
    expect(card).toMatchObject({ name: 'a2a-mcp orchestrator', version, capabilities: { streaming: true, pushNotifications: false } });
    expect(card.description).toMatch(/agents/);
    expect(card.supportedInterfaces).toEqual([
      { url: `${host.url}/a2a`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' },
      { url: `${host.url}/a2a`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '0.3' },
    ]);
    expect(card.defaultInputModes).toEqual(['text/plain', 'application/json']);
    expect(card.defaultOutputModes).toEqual(['text/plain', 'application/json']);
    // Auth is off: no scheme, no requirement.
    expect(card.securitySchemes).toEqual({});
    expect(card.securityRequirements).toEqual([]);
  });

  it('lists plan_and_run first, then one skill per skill of every registered agent, tags and examples copied', async () => {
    expect(card.skills[0]).toMatchObject({ id: 'plan_and_run', inputModes: ['text/plain', 'application/json'] });
    const agents = (await get<{ items: AgentListItem[] }>(`${host.url}/v1/agents`)).body.items;
    const expected = agents.flatMap((agent) => agent.skills.map((skill) => ({ id: `${agent.name}.${skill.id}`, tags: skill.tags, examples: skill.examples ?? [] })));
    expect(expected.length).toBeGreaterThan(10);
    expect(card.skills.slice(1).map(({ id, tags, examples }) => ({ id, tags, examples }))).toEqual(expected);
    const ids = card.skills.map((skill) => skill.id);
    expect(ids).toEqual(expect.arrayContaining(['payment_processor.process_payment', 'approval_agent.approve_order', 'simulator.simulate']));
  });

  it("derives its URLs from the request's Host header", async () => {
    const answer = await getWithHost(`${host.url}/.well-known/agent-card.json`, 'agents.example.test:8443', { 'A2A-Version': '1.0' });
    expect(answer.status).toBe(200);
    const seen = JSON.parse(answer.body) as AgentCard;
    expect(seen.supportedInterfaces[0].url).toBe('http://agents.example.test:8443/a2a');
    expect(seen.documentationUrl).toBe('http://agents.example.test:8443/docs');
  });

  it('serves the v0.3 card shape to a client that names no version (the SDK v0.3 compat layer)', async () => {
    const answer = await get<Record<string, unknown>>(`${host.url}/.well-known/agent-card.json`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'a2a-mcp orchestrator', url: `${host.url}/a2a`, preferredTransport: 'JSONRPC', protocolVersion: '0.3' });
    expect((answer.body.skills as { id: string }[]).map((skill) => skill.id)).toContain('approval_agent.approve_order');
  });
});

describe('the agent card with PUBLIC_URL', () => {
  it('names PUBLIC_URL (without its trailing slash) whatever the Host header says', async () => {
    const host = await startTestApp({ PUBLIC_URL: 'https://agents.example.com/orchestrator/' });
    try {
      const seen = await new DefaultAgentCardResolver().resolve(host.url);
      expect(seen.supportedInterfaces.map((entry) => entry.url)).toEqual(['https://agents.example.com/orchestrator/a2a', 'https://agents.example.com/orchestrator/a2a']);
      const viaOtherHost = JSON.parse((await getWithHost(`${host.url}/.well-known/agent-card.json`, 'elsewhere.test', { 'A2A-Version': '1.0' })).body) as AgentCard;
      expect(viaOtherHost.supportedInterfaces[0].url).toBe('https://agents.example.com/orchestrator/a2a');
    } finally {
      await host.close();
    }
  });

  it('refuses to start with a PUBLIC_URL that is not an http(s) URL, naming the variable', async () => {
    await expect(startTestApp({ PUBLIC_URL: 'ftp://agents.example.com' })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining('PUBLIC_URL="ftp://agents.example.com" (allowed: an absolute http(s) URL'),
    });
  });
});
