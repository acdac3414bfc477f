import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ParallelWorkflowGraph, VirtualClock, runWorkflow, type WorkflowEvent, type WorkflowNodeSpec } from '@a2a-mcp/core-graph';
import { createDemoRegistry } from '@a2a-mcp/agents';
import type { Plan } from '@a2a-mcp/planner';
import { renderPlanReport } from '../src/plan-report';
import { RemoteError } from '../src/remote/remote-error';
import { renderResultTable } from '../src/result-table';
import { terminalSafe } from '../src/terminal-safe';
import { runCli } from './support/fake-io';

/** Sets the terminal's title (OSC 0) and rings the bell: it must never reach a terminal raw. */
const TITLE_ATTACK = '\u001b]0;pwned\u0007';
/** Clears the screen (CSI 2J). */
const CLEAR_SCREEN = '\u001b[2J';
/** A right-to-left override, then a one-character CSI (C1) and DEL. */
const DISGUISE = 'txt.\u202eexe\u009b31m\u007f';

/** What the live bar itself writes: carriage return and erase-line. */
const BAR_CONTROL = '\r\u001b[2K';
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The text with the bar's own sequence and line breaks taken out: nothing else may act on a terminal. */
function foreignControls(text: string): string[] {
  const rest = text.split(BAR_CONTROL).join('').split('\n').join('');
  return [...rest].filter((char) => ANY_CONTROL.test(char)).map((char) => `U+${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

describe('terminalSafe', () => {
  it('writes C0 and C1 controls, DEL, separators and bidi controls as visible \\u escapes', () => {
    expect(terminalSafe(TITLE_ATTACK)).toBe('\\u001b]0;pwned\\u0007');
    expect(terminalSafe(DISGUISE)).toBe('txt.\\u202eexe\\u009b31m\\u007f');
    expect(terminalSafe('a\nb\tc\rd\u2028e\u2067f\u200eg')).toBe('a\\u000ab\\u0009c\\u000dd\\u2028e\\u2067f\\u200eg');
  });

  it('leaves printable text alone, backslashes and non-Latin scripts included, and is idempotent', () => {
    const printable = 'payment_processor → shipping · café 日本語 🚚 C:\\path "quoted"';
    expect(terminalSafe(printable)).toBe(printable);
    const once = terminalSafe(`${TITLE_ATTACK}${CLEAR_SCREEN}${DISGUISE}`);
    expect(terminalSafe(once)).toBe(once);
    expect(foreignControls(once)).toEqual([]);
  });
});

describe('text output of plans and results', () => {
  it('the result table shows every hostile cell escaped, and keeps its columns aligned', async () => {
    const complete = (await hostileRunLog(`run${CLEAR_SCREEN}`)).find((event) => event.type === 'workflow_complete');
    if (complete?.type !== 'workflow_complete') throw new Error('the run did not complete');
    const table = renderResultTable(complete.result);
    expect(foreignControls(table)).toEqual([]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    const first = lines.find((line) => line.startsWith('\\u001b]0;pwned\\u0007 '));
    expect(first).toMatch(/^\\u001b\]0;pwned\\u0007\s+completed\s+simulator/);
    expect(lines.find((line) => line.startsWith('unknown-agent'))).toContain('ghosttxt.\\u202eexe\\u009b31m\\u007f');
    expect(lines.find((line) => line.startsWith('fails\\u001b[2J'))).toBeDefined();
    // Columns line up on the escaped text: STATUS starts at the same offset in every row.
    expect(lines[0].indexOf('STATUS')).toBe(first?.indexOf('completed'));
  });

  it('the plan report escapes names, ids, descriptions, the critical path and risks', () => {
    const plan: Plan = {
      name: `plan${CLEAR_SCREEN}`,
      tasks: [
        { id: TITLE_ATTACK, description: `describe${DISGUISE}`, agent: 'simulator', dependencies: [] },
        { id: 'next', description: 'then', agent: `a${CLEAR_SCREEN}`, dependencies: [TITLE_ATTACK] },
      ],
      risks: [{ description: `risk${TITLE_ATTACK}`, severity: 'high' }],
    };
    const report = renderPlanReport(plan);
    expect(foreignControls(report)).toEqual([]);
    expect(report).toContain('Plan plan\\u001b[2J: 2 task(s)');
    expect(report).toContain('critical path \\u001b]0;pwned\\u0007 → next');
    expect(report).toContain('risk (high): risk\\u001b]0;pwned\\u0007');
  });
});

/** A real engine run whose task ids, agent names and error messages carry escape sequences. */
async function hostileRunLog(runId: string): Promise<WorkflowEvent[]> {
  const specs: WorkflowNodeSpec[] = [
    { id: TITLE_ATTACK, description: 'first', agent: 'simulator', dependencies: [], input: { durationMs: 10 } },
    { id: `fails${CLEAR_SCREEN}`, description: 'fails', agent: 'simulator', dependencies: [TITLE_ATTACK], input: { failAlways: true } },
    { id: 'unknown-agent', description: 'no such agent', agent: `ghost${DISGUISE}`, dependencies: [] },
  ];
  const run = runWorkflow(ParallelWorkflowGraph.fromSpecs(specs), createDemoRegistry(), { runId, strategy: 'hybrid', clock: new VirtualClock() });
  const log: WorkflowEvent[] = [];
  for await (const event of run) log.push(event);
  return log;
}

/**
 * An orchestrator that streams a hostile run's events, pausing once the first task runs so that the
 * live bar draws it ("running: …"); or refuses every request with a hostile error body.
 */
async function hostileServer(log: WorkflowEvent[] | undefined): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (log !== undefined && !req.url?.endsWith('/events')) {
      // watch looks the run up first (the id may be a prefix).
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ runId: decodeURIComponent(req.url?.split('/').pop() ?? ''), status: 'running', strategy: 'hybrid', createdAt: '', tasks: {} }));
      return;
    }
    if (log === undefined) {
      res.writeHead(422, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 422, code: `INVALID_PLAN${CLEAR_SCREEN}`, message: `unknown agent ${TITLE_ATTACK}`, details: [{ path: `tasks[0]${DISGUISE}`, message: 'x' }] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const write = (event: WorkflowEvent): boolean => res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    const firstStart = log.findIndex((event) => event.type === 'task_start');
    log.slice(0, firstStart + 1).forEach(write);
    // Long enough for a redraw of the bar (every 100 ms) while the hostile task is running.
    setTimeout(() => {
      log.slice(firstStart + 1).forEach(write);
      res.end();
    }, 250);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

describe('output of runs followed on a server (watch, on a terminal)', () => {
  it('a RemoteError (printed as the one-line error) never carries a raw control character', () => {
    expect(new RemoteError('CONNECTION_LOST', `lost the event stream of run ${TITLE_ATTACK}`).message).toBe(
      'lost the event stream of run \\u001b]0;pwned\\u0007',
    );
  });

  it('task ids, agents, errors and the run id reach the terminal escaped; the only control sequence is the bar', async () => {
    const runId = `run${TITLE_ATTACK}`;
    const { url, server } = await hostileServer(await hostileRunLog(runId));
    try {
      const { code, stdout, stderr } = await runCli(['watch', runId, '--server', url], { tty: true, columns: 200 });
      expect(code).toBe(1);
      expect(foreignControls(stdout)).toEqual([]);
      expect(foreignControls(stderr)).toEqual([]);
      // The bar drew the running hostile task, escaped.
      expect(stderr).toContain(BAR_CONTROL);
      expect(stderr).toContain('running: \\u001b]0;pwned\\u0007');
      expect(stdout).toContain('Run run\\u001b]0');
      expect(stdout).toMatch(/^fails\\u001b\[2J\s+(failed|skipped)/m);
      expect(stdout).toContain('ghosttxt.\\u202eexe\\u009b31m\\u007f');
    } finally {
      await stop(server);
    }
  });

  it("a refusal's code, message and field are escaped in the one-line error", async () => {
    const { url, server } = await hostileServer(undefined);
    try {
      const { code, stdout, stderr } = await runCli(['watch', 'r1', '--server', url], { tty: true });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(foreignControls(stderr)).toEqual([]);
      expect(stderr).toContain('INVALID_PLAN\\u001b[2J: unknown agent \\u001b]0;pwned\\u0007 (tasks[0]txt.\\u202eexe');
    } finally {
      await stop(server);
    }
  });
});
