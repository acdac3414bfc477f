import { HostLogger } from '../../src/logging/host-logger';
import type { LogLevelName } from '@a2a-mcp/orchestration';
import { get, request, waitFor } from '../support/http';
import { readSse } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { CapturedOutput } from './captured-output';

// The real app on a real port; its Nest logger swapped for a HostLogger writing JSON lines to a buffer.
// Generous timeouts and polling: the run's lines come from its own timers.
jest.setTimeout(30_000);

type Line = Record<string, unknown>;

describe('the host’s logs (JSON lines)', () => {
  let t: TestApp;
  let out: CapturedOutput;

  /** A fresh buffer behind a logger at `level`, in place of the app's logger. */
  const logAt = (level: LogLevelName): void => {
    out = new CapturedOutput();
    t.app.useLogger(new HostLogger(level, { format: 'json', destination: out }));
  };
  const lines = (): Line[] => out.json();
  const httpLines = (path: string): Line[] => lines().filter((line) => line.context === 'Http' && line.path === path);
  const untilLine = (what: string, match: (line: Line) => boolean): Promise<Line> =>
    waitFor(async () => lines().find(match), 15_000, what);

  const startRun = async (plan: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const res = await request<{ runId: string }>('POST', `${t.url}/v1/runs`, { plan }, headers);
    expect(res.status).toBe(202);
    return { runId: res.body.runId, requestId: res.headers.get('x-request-id') };
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a run’s lines carry its runId, and a failed attempt’s its taskId too', async () => {
    logAt('info');
    const { runId } = await startRun({
      name: 'logs',
      tasks: [
        { id: 'flaky', description: 'fails once', agent: 'simulator', input: { failTimes: 1 }, maxRetries: 1 },
        { id: 'broken', description: 'always fails', agent: 'simulator', input: { failAlways: true }, maxRetries: 0 },
      ],
    });
    const finished = await untilLine('the run’s last line', (line) => line.context === 'Runs' && line.runId === runId && line.status !== undefined);
    expect(finished).toMatchObject({ level: 'info', runId, status: 'partial', completed: 1, tasks: 2, makespanMs: expect.any(Number) });
    expect(finished.msg).toMatch(new RegExp(`^run ${runId} partial: 1/2 completed`));

    const runLines = lines().filter((line) => line.context === 'Runs');
    expect(runLines.every((line) => line.runId === runId)).toBe(true);
    expect(runLines[0]).toMatchObject({ level: 'info', msg: expect.stringContaining(`run ${runId} started`), tasks: 2 });
    expect(runLines.find((line) => line.taskId === 'flaky')).toMatchObject({ level: 'info', attempt: 1, errorCode: 'SIMULATED_FAILURE' });
    expect(runLines.find((line) => line.taskId === 'broken')).toMatchObject({ level: 'warn', attempt: 1, errorCode: 'SIMULATED_FAILURE' });
    // No trace without a tracer: the ids appear only while a span is active.
    expect(runLines.some((line) => 'trace_id' in line)).toBe(false);
  });

  it('one line per request: method, path without the query, status, duration and the request id it answered with', async () => {
    logAt('info');
    const { requestId } = await startRun({ name: 'one', tasks: [{ id: 'a', description: 'a', agent: 'simulator' }] }, { 'x-request-id': 'caller-id-42' });
    expect(requestId).toBe('caller-id-42');
    // An unknown query parameter is refused (400); its value is never logged either way.
    const listed = await get(`${t.url}/v1/runs?limit=5&token=s3cret-value`);
    expect(listed.status).toBe(400);

    const posted = await untilLine('the POST line', (line) => line.context === 'Http' && line.method === 'POST');
    expect(posted).toMatchObject({ level: 'info', path: '/v1/runs', status: 202, requestId: 'caller-id-42', durationMs: expect.any(Number) });
    expect(posted.durationMs as number).toBeGreaterThanOrEqual(0);
    const listing = await untilLine('the GET line', (line) => line.context === 'Http' && line.method === 'GET' && line.path === '/v1/runs');
    expect(listing).toMatchObject({ level: 'info', status: 400 });
    expect(listing.requestId).toBe(listed.headers.get('x-request-id'));
    expect(listing.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.text).not.toContain('s3cret');

    // A refused body is logged with its status too (the logger runs before the body checks).
    const refused = await request('POST', `${t.url}/v1/runs`, '{"plan": ', { 'content-type': 'application/json' });
    expect(refused.status).toBe(400);
    await untilLine('the 400 line', (line) => line.context === 'Http' && line.method === 'POST' && line.status === 400);
  });

  it('/health is logged at debug only', async () => {
    logAt('info');
    expect((await get(`${t.url}/health`)).status).toBe(200);
    // A later request's line proves the /health one had its chance to be written.
    await get(`${t.url}/v1/agents`);
    await untilLine('the /v1/agents line', (line) => line.path === '/v1/agents');
    expect(httpLines('/health')).toEqual([]);

    logAt('debug');
    await get(`${t.url}/health`);
    expect(await untilLine('the /health line', (line) => line.path === '/health')).toMatchObject({ level: 'debug', status: 200 });
  });

  it('an event stream is logged when it ends, not when it starts', async () => {
    logAt('info');
    const { runId } = await startRun({ name: 'slow', tasks: [{ id: 'slow', description: 'slow', agent: 'simulator', input: { durationMs: 2000 } }] });
    const path = `/v1/runs/${runId}/events`;
    let openLines: Line[] | undefined;
    const aborted = await readSse(`${t.url}${path}`, {
      stopWhen: (_event, all) => {
        if (all.length === 1) openLines = httpLines(path);
        return all.length === 1;
      },
    });
    expect(aborted.ended).toBe(false);
    expect(openLines).toEqual([]);
    expect(await untilLine('the aborted stream’s line', (line) => line.path === path)).toMatchObject({ level: 'info', method: 'GET', status: 200, aborted: true });

    // The same stream read to its end (the run finishes): a line without `aborted`.
    const full = await readSse(`${t.url}${path}`);
    expect(full.ended).toBe(true);
    await waitFor(async () => (httpLines(path).length === 2 ? true : undefined), 15_000, 'the full stream’s line');
    expect(httpLines(path)[1]).not.toHaveProperty('aborted');
  });

  it('LOG_LEVEL=warn leaves out request and run lines but keeps a task that failed for good', async () => {
    logAt('warn');
    const { runId } = await startRun({ name: 'w', tasks: [{ id: 'down', description: 'down', agent: 'simulator', input: { failAlways: true }, maxRetries: 0 }] });
    await untilLine('the failed task’s line', (line) => line.taskId === 'down');
    await waitFor(async () => ((await get<{ status: string }>(`${t.url}/v1/runs/${runId}`)).body.status === 'failed' ? true : undefined), 15_000, 'the run to fail');
    expect(lines().map((line) => line.level)).toEqual(['warn']);
    expect(lines()[0]).toMatchObject({ context: 'Runs', runId, taskId: 'down' });
  });
});
