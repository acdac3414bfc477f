import { readFileSync } from 'node:fs';
import { ParallelWorkflowGraph, VirtualClock, runWorkflow, type WorkflowEvent } from '@a2a-mcp/core-graph';
import { createDemoRegistry } from '@a2a-mcp/agents';
import { FakeHost, type FakeRun } from './support/fake-host';
import { examplePath, runCli } from './support/fake-io';

// `runs`, `agents` and `watch <short id>` against a stand-in host on a real port (the real host is an
// app the CLI may not import; apps/orchestrator/test/cli-remote.e2e.spec.ts runs the CLI against it).

async function recordedRun(runId: string): Promise<WorkflowEvent[]> {
  const plan = JSON.parse(readFileSync(examplePath('ecommerce-order.json'), 'utf8')) as { tasks: [] };
  const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(plan.tasks), createDemoRegistry(), { runId, strategy: 'hybrid', clock: new VirtualClock() });
  const log: WorkflowEvent[] = [];
  for await (const event of run) log.push(event);
  return log;
}

const DONE = '1a2b3c4d-0000-4000-8000-000000000001';
const RUNNING = '9f8e7d6c-0000-4000-8000-000000000002';
const TWIN_A = 'abcd0001-0000-4000-8000-000000000003';
const TWIN_B = 'abcd0002-0000-4000-8000-000000000004';

describe('against a host', () => {
  let host: FakeHost;
  let url: string;
  let runs: FakeRun[];

  beforeEach(async () => {
    runs = [
      { runId: DONE, status: 'completed', events: await recordedRun(DONE) },
      { runId: RUNNING, status: 'running', events: [] },
      { runId: TWIN_A, status: 'completed', events: [] },
      { runId: TWIN_B, status: 'completed', events: [] },
    ];
    host = new FakeHost(runs, createDemoRegistry().cards().slice(0, 2));
    url = await host.start();
  });

  afterEach(async () => {
    await host.stop();
  });

  it('runs list prints a table of short ids; --json the page as the server sent it', async () => {
    const table = await runCli(['runs', 'list', '--server', url]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^RUN\s+STATUS\s+STRATEGY\s+TASKS\s+OK\s+FAILED\s+SKIPPED\s+CREATED$/m);
    expect(table.stdout).toMatch(/^1a2b3c4d\s+completed\s+hybrid\s+5\s+5\s+0\s+0\s+2026-01-01/m);
    expect(table.stdout).toMatch(/^9f8e7d6c\s+running/m);

    const json = await runCli(['runs', 'list', '--server', url, '--json', '--limit', '2']);
    const page = JSON.parse(json.stdout) as { items: { runId: string }[]; nextCursor?: string };
    expect(page.items.map((run) => run.runId)).toEqual([DONE, RUNNING]);
    expect(page.nextCursor).toBe('2');
    expect(host.requests).toContain('GET /v1/runs?limit=2');
  });

  it('runs list pages with --limit and --cursor and says how to get the next page', async () => {
    const first = await runCli(['runs', 'list', '--server', url, '--limit', '3']);
    expect(first.stdout).toContain('more runs: a2a-mcp runs list --cursor 3');
    const next = await runCli(['runs', 'list', '--server', url, '--limit', '3', '--cursor', '3']);
    expect(next.stdout).toMatch(/^abcd0002/m);
    expect(next.stdout).not.toMatch(/^1a2b3c4d/m);
    expect(next.stdout).not.toContain('more runs');
  });

  it('A2A_MCP_SERVER is the default server; --server wins over it', async () => {
    const fromEnv = await runCli(['runs', 'list', '--json'], { env: { A2A_MCP_SERVER: url } });
    expect(fromEnv.code).toBe(0);
    expect((JSON.parse(fromEnv.stdout) as { items: unknown[] }).items).toHaveLength(4);
    const flagWins = await runCli(['runs', 'list', '--json', '--server', url], { env: { A2A_MCP_SERVER: 'http://127.0.0.1:9' } });
    expect(flagWins.code).toBe(0);
    const badEnv = await runCli(['runs', 'list'], { env: { A2A_MCP_SERVER: 'localhost:3000' } });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('A2A_MCP_SERVER must be an http(s) URL');
  });

  it('runs get takes the short id the CLI prints and shows the tasks and summary', async () => {
    const shown = await runCli(['runs', 'get', '1a2b3c4d', '--server', url]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`Run ${DONE} completed · strategy hybrid (plan coordinationStrategy hybrid)`);
    expect(shown.stdout).toMatch(/^shipping\s+completed\s+shipping_agent/m);
    expect(shown.stdout).toMatch(/critical path payment → shipping/);
    const json = await runCli(['runs', 'get', DONE, '--server', url, '--json']);
    expect((JSON.parse(json.stdout) as { runId: string }).runId).toBe(DONE);
  });

  it('an ambiguous or unknown prefix is bad input naming it', async () => {
    const ambiguous = await runCli(['runs', 'get', 'abcd', '--server', url]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain(`"abcd" starts the ids of several runs (${TWIN_A}, ${TWIN_B})`);
    const unknown = await runCli(['watch', 'ffff', '--server', url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('RUN_NOT_FOUND: no run on');
    expect(unknown.stderr).toContain('"ffff"');
  });

  it('runs cancel cancels a running run by prefix; a finished one is refused (409, exit 2)', async () => {
    const cancelled = await runCli(['runs', 'cancel', '9f8e', '--server', url]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toBe(`run ${RUNNING} cancelled\n`);
    expect(host.requests).toContain(`DELETE /v1/runs/${RUNNING}`);
    const refused = await runCli(['runs', 'cancel', '1a2b3c4d', '--server', url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('RUN_FINISHED');
  });

  it('watch <short id> follows the run the prefix names', async () => {
    const watched = await runCli(['watch', '1a2b3c4d', '--server', url]);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/^Run 1a2b3c4d completed: 5\/5 tasks completed/m);
    expect(host.requests).toContain(`GET /v1/runs/${DONE}/events`);
  });

  it("agents --server lists the host's agents, one row per skill", async () => {
    const listed = await runCli(['agents', '--server', url]);
    expect(listed.code).toBe(0);
    const names = createDemoRegistry().cards().slice(0, 2).map((card) => card.name);
    for (const name of names) expect(listed.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    expect(listed.stdout.trimEnd().split('\n')).toHaveLength(1 + createDemoRegistry().cards().slice(0, 2).flatMap((card) => card.skills).length);
    expect(host.requests).toContain('GET /v1/agents');
  });

  it('runs needs a server and a subcommand; --limit is checked', async () => {
    expect((await runCli(['runs', 'list'])).stderr).toContain('runs list needs --server <url> (or A2A_MCP_SERVER)');
    expect((await runCli(['runs'])).code).toBe(2);
    const limit = await runCli(['runs', 'list', '--server', url, '--limit', '101']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('--limit must be an integer from 1 to 100, got "101"');
  });
});

describe('agents (embedded)', () => {
  it('lists the demo agents with their skills, and --json their cards', async () => {
    const table = await runCli(['agents']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^AGENT\s+SKILL\s+TAGS\s+DESCRIPTION$/m);
    expect(table.stdout).toMatch(/^shipping_agent\s+\S+/m);
    const json = await runCli(['agents', '--json']);
    const cards = JSON.parse(json.stdout) as { name: string; skills: unknown[] }[];
    expect(cards.map((card) => card.name).sort()).toEqual(createDemoRegistry().names().sort());
    const one = await runCli(['agents', 'shipping_agent', '--json']);
    expect((JSON.parse(one.stdout) as { name: string }[]).map((card) => card.name)).toEqual(['shipping_agent']);
  });
});
