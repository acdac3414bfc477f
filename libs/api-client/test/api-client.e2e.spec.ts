import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createApiClient, readRunEvents, type ApiClient, type CreateRunBody, type WorkflowEvent } from '../src';

// A real host process (the stock orchestrator, built by the test target's dependency): generous timeouts.
jest.setTimeout(60_000);

const root = join(__dirname, '..', '..', '..');
const KEY = 'client-test-key-0123456789';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the built orchestrator and resolves once it prints that it listens. */
async function startHost(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'apps', 'orchestrator', 'dist', 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), RUN_STORE: 'memory', LOG_LEVEL: 'warn', ENABLE_OBSERVABILITY: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before listening:\n${output}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const plan = JSON.parse(readFileSync(join(root, 'examples', 'ecommerce-order.json'), 'utf8')) as CreateRunBody['plan'] & { tasks: { id: string }[] };

describe('the generated API client against a real host (AUTH_MODE=apikey)', () => {
  let host: { url: string; child: ChildProcess };
  let client: ApiClient;

  beforeAll(async () => {
    host = await startHost({ AUTH_MODE: 'apikey', API_KEYS: `${KEY}:acme:runs:read|runs:write|agents:read` });
    client = createApiClient({ baseUrl: `${host.url}/`, apiKey: KEY });
  });

  afterAll(() => {
    host.child.kill('SIGTERM');
  });

  it('starts a run, follows its typed events to the end, and reads the same run back', async () => {
    const started = await client.POST('/v1/runs', { body: { plan, strategy: 'hybrid' } });
    const runId = started.data?.runId ?? '';
    const stream = await client.GET('/v1/runs/{id}/events', { params: { path: { id: runId } }, parseAs: 'stream' });
    const events: WorkflowEvent[] = [];
    for await (const event of readRunEvents(stream.data!)) {
      events.push(event);
      if (event.type === 'workflow_complete') break;
    }
    expect(started.response.status).toBe(202);
    expect(started.data?.links.events).toBe(`/v1/runs/${runId}/events`);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    const completed = events.filter((event) => event.type === 'task_complete').map((event) => (event.type === 'task_complete' ? event.taskId : ''));
    expect(completed.sort()).toEqual(plan.tasks.map((task) => task.id).sort());

    const details = await client.GET('/v1/runs/{id}', { params: { path: { id: runId } } });
    expect(details.data).toMatchObject({ runId, status: 'completed', strategy: 'hybrid' });
    expect(details.data?.result?.successful.sort()).toEqual(completed);
    const page = await client.GET('/v1/runs', { params: { query: { limit: 1 } } });
    expect(page.data?.items[0]?.runId).toBe(runId);
  });

  it('reads the agents with their cards', async () => {
    const agents = await client.GET('/v1/agents');
    const names = (agents.data?.items ?? []).map((agent) => agent.name);
    expect(names).toContain('payment_processor');
    expect(agents.data?.items.every((agent) => agent.skills.length > 0 && typeof agent.transport === 'string')).toBe(true);
  });

  it('gives a refusal as the typed error body, with its code', async () => {
    const missing = await client.GET('/v1/runs/{id}', { params: { path: { id: 'no-such-run' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ statusCode: 404, code: 'RUN_NOT_FOUND' });
  });

  it('sends the API key: without it the same call is refused', async () => {
    const anonymous = createApiClient({ baseUrl: host.url });
    const refused = await anonymous.GET('/v1/runs');
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
