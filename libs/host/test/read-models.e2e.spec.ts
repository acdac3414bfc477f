import { QueryBus } from '@nestjs/cqrs';
import { GetRunEventsQuery, GetRunQuery, ListRunsQuery } from '@a2a-mcp/orchestration';
import { post } from './support/http';
import { simulatorPlan } from './support/plans';
import { startTestApp, type TestApp } from './support/test-app';

jest.setTimeout(30_000);

describe('queries answer with read models, not the live run', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GetRunQuery and ListRunsQuery give plain snapshots a reader cannot use to change the run', async () => {
    const plan = simulatorPlan([{ id: 'slow', input: { durationMs: 60_000 } }]);
    const { body } = await post<{ runId: string }>(`${t.url}/v1/runs`, { plan });
    const queries = t.app.get(QueryBus);

    const view = await queries.execute(new GetRunQuery(body.runId));
    // Only data: JSON round-trips it unchanged (no methods, no engine objects inside).
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(view).toMatchObject({ runId: body.runId, status: 'running', tasks: [{ id: 'slow', agent: 'simulator', dependencies: [] }] });
    view.tasks[0].dependencies.push('tampered');
    view.tasks[0].status = 'completed';
    (view as { status: string }).status = 'cancelled';
    const again = await queries.execute(new GetRunQuery(body.runId));
    expect(again).toMatchObject({ status: 'running', tasks: [{ id: 'slow', dependencies: [] }] });
    expect(again.tasks[0].status).not.toBe('completed');

    const page = await queries.execute(new ListRunsQuery(10));
    const summary = page.items.find((item) => item.runId === body.runId);
    expect(summary).toEqual({ runId: body.runId, status: 'running', strategy: expect.any(String), createdAt: expect.any(String), taskCount: 1, successful: 0, failed: 0, skipped: 0 });
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);

    // The event feed exposes the stream and its filter, nothing else of the run.
    const feed = await queries.execute(new GetRunEventsQuery(body.runId));
    expect(Object.keys(feed).sort()).toEqual(['events', 'runId', 'streams']);
    const first = feed.events();
    expect((await first.next()).value).toMatchObject({ type: 'workflow_start', runId: body.runId });
    await first.return?.();
  });

  it('an unknown run is RUN_NOT_FOUND for every run query', async () => {
    const queries = t.app.get(QueryBus);
    await expect(queries.execute(new GetRunQuery('nope'))).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    await expect(queries.execute(new GetRunEventsQuery('nope'))).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
  });
});
