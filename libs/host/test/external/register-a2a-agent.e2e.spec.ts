import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { get, post, request } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

// Two hosts, HTTP and SSE between them: generous under a loaded CI machine.
jest.setTimeout(60_000);

interface AgentItem {
  name: string;
  transport: string;
  address: string;
  healthy: boolean;
  skills: Array<{ id: string }>;
  pool?: { transport: string; size: number; created: number; reused: number };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function waitForRun(host: string, runId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const run = await get(`${host}/v1/runs/${runId}`);
    if (!['pending', 'running'].includes(run.body.status as string)) return run.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`run ${runId} did not finish`);
}

/**
 * One host registers another by its A2A card URL (POST /v1/agents): the remote host's A2A endpoint is
 * a real A2A agent, so the whole path runs — card fetch through the URL guard, conversion, a task as a
 * streamed message over the keep-alive pool, the remote run's result as the task's output.
 */
describe('POST /v1/agents: a remote A2A agent by its card URL', () => {
  let remote: TestApp;
  let host: TestApp;
  let strictHost: TestApp;
  let liar: { server: Server; url: string };

  beforeAll(async () => {
    remote = await startTestApp();
    host = await startTestApp({ AGENT_ALLOWED_HOSTS: '127.0.0.1' });
    strictHost = await startTestApp();
    liar = await listen((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url?.includes('agent-card') ? '{"name": "liar", "skills": "none"' : '{}');
    });
  });

  afterAll(async () => {
    await Promise.all([remote?.close(), host?.close(), strictHost?.close(), new Promise((resolve) => liar?.server.close(resolve))]);
  });

  it('registers the agent: its skills join the catalog, GET /v1/agents shows transport a2a and the pool', async () => {
    const registered = await post<AgentItem>(`${host.url}/v1/agents`, { cardUrl: remote.url, name: 'remote_orchestrator' });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ name: 'remote_orchestrator', transport: 'a2a', healthy: true });
    expect(registered.body.skills.map((skill) => skill.id)).toEqual(expect.arrayContaining(['plan_and_run']));
    const listed = await get<{ items: AgentItem[] }>(`${host.url}/v1/agents`);
    const item = listed.body.items.find((agent) => agent.name === 'remote_orchestrator');
    expect(item?.transport).toBe('a2a');
    expect(item?.address).toContain(new URL(remote.url).host);
    expect(item?.pool?.transport).toBe('a2a');
  });

  it('runs tasks on it: each task is a message to the remote host, which plans and runs it', async () => {
    const plan = {
      tasks: [
        { id: 'remote_order', description: 'process order 12345', agent: 'remote_orchestrator', dependencies: [] },
        {
          id: 'remote_plan',
          description: 'run this plan over there',
          agent: 'remote_orchestrator',
          dependencies: [],
          input: { plan: { tasks: [{ id: 'far_away', description: 'simulated work', agent: 'simulator', dependencies: [], input: { output: { answer: 42 } } }] } },
        },
        { id: 'local_report', description: 'Generate a report', agent: 'reporting_agent', dependencies: ['remote_order'], input: { durationMs: 0 } },
      ],
    };
    const started = await post<{ runId: string }>(`${host.url}/v1/runs`, { plan });
    expect(started.status).toBe(202);
    const run = await waitForRun(host.url, started.body.runId);
    expect(run.status).toBe('completed');
    const tasks = run.tasks as Record<string, { status: string; output?: unknown; servedBy?: string }>;
    expect(tasks.remote_order.status).toBe('completed');
    expect(tasks.local_report.status).toBe('completed');
    // A task whose input holds a plan runs that plan on the remote host; its output carries the remote run's result.
    expect(tasks.remote_plan.status).toBe('completed');
    expect(JSON.stringify(tasks.remote_plan.output)).toContain('far_away');
    // The remote host ran a run of its own for the task: it is in its run list.
    const remoteRuns = await get<{ items: Array<{ status: string }> }>(`${remote.url}/v1/runs`);
    expect(remoteRuns.body.items.length).toBeGreaterThan(0);
    expect(remoteRuns.body.items.every((item) => item.status === 'completed')).toBe(true);
    const pooled = (await get<{ items: AgentItem[] }>(`${host.url}/v1/agents`)).body.items.find((agent) => agent.name === 'remote_orchestrator');
    expect(pooled?.pool?.created).toBeGreaterThan(0);
  });

  it("pauses with the remote agent's question (input-required) and carries the answer back to it", async () => {
    const approvalFlow = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'examples', 'approval-flow.json'), 'utf8')) as Record<string, unknown>;
    const plan = { tasks: [{ id: 'remote_approval', description: 'run the approval flow over there', agent: 'remote_orchestrator', dependencies: [], input: { plan: approvalFlow } }] };
    const started = await post<{ runId: string }>(`${host.url}/v1/runs`, { plan });
    let question: string | undefined;
    for (let i = 0; i < 600 && question === undefined; i++) {
      const view = await get<{ tasks: Record<string, { status: string; question?: string }> }>(`${host.url}/v1/runs/${started.body.runId}`);
      if (view.body.tasks.remote_approval.status === 'paused') question = view.body.tasks.remote_approval.question;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(question).toMatch(/Approve order 1042/);
    const answered = await post(`${host.url}/v1/runs/${started.body.runId}/input`, { taskId: 'remote_approval', answer: 'yes' });
    expect(answered.status).toBeLessThan(300);
    const run = await waitForRun(host.url, started.body.runId);
    expect(run.status).toBe('completed');
    // The remote run went on with the answer: its approval and shipping completed.
    expect(JSON.stringify((run.tasks as Record<string, { output?: unknown }>).remote_approval.output)).toMatch(/shipping/);
  });

  it('refuses a second agent of the same name: 409 DUPLICATE_AGENT', async () => {
    const again = await post(`${host.url}/v1/agents`, { cardUrl: remote.url, name: 'remote_orchestrator' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DUPLICATE_AGENT');
  });

  it('refuses a loopback URL unless AGENT_ALLOWED_HOSTS lists it: 400 UNTRUSTED_URL naming the field', async () => {
    const refused = await post(`${strictHost.url}/v1/agents`, { cardUrl: remote.url });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'UNTRUSTED_URL', details: { field: 'cardUrl' } });
    expect(refused.body.message).toMatch(/AGENT_ALLOWED_HOSTS/);
    const scheme = await post(`${host.url}/v1/agents`, { cardUrl: 'ftp://agents.example.com/card' });
    expect(scheme.status).toBe(400);
    expect(scheme.body.code).toBe('UNTRUSTED_URL');
  });

  it('answers 502 BAD_AGENT_CARD for a card that is not a card, and 400 for a body without cardUrl', async () => {
    const lying = await post(`${host.url}/v1/agents`, { cardUrl: liar.url });
    expect(lying.status).toBe(502);
    expect(lying.body.code).toBe('BAD_AGENT_CARD');
    expect(lying.body.message).toContain(liar.url);
    const missing = await request('POST', `${host.url}/v1/agents`, { name: 'x' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('cardUrl');
  });
});
