import type { INestApplication } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCustomHost } from '../src/custom-host';

// Real servers and processes: generous under a loaded CI machine.
jest.setTimeout(60_000);

const root = join(__dirname, '..', '..', '..');
const plan = JSON.parse(readFileSync(join(root, 'examples', 'fraud-check-agent', 'order-with-fraud-check.json'), 'utf-8')) as unknown;

interface RunBody {
  status: string;
  tasks: Record<string, { status: string; agent: string; output?: Record<string, unknown> }>;
}

/** POSTs the plan and polls the run until it ends. */
async function runPlan(base: string): Promise<RunBody> {
  const started = await fetch(`${base}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan }) });
  expect(started.status).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  for (let polls = 0; polls < 3000; polls++) {
    const run = (await (await fetch(`${base}/v1/runs/${runId}`)).json()) as RunBody;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`run ${runId} did not end`);
}

function expectFraudCheckedOrder(run: RunBody): void {
  expect(run.status).toBe('completed');
  expect(Object.keys(run.tasks)).toEqual(['payment', 'fraud_check', 'shipping']);
  expect(run.tasks.fraud_check).toMatchObject({ status: 'completed', agent: 'fraud_check' });
  expect(run.tasks.fraud_check.output).toMatchObject({ orderId: '1042', decision: 'approve', riskScore: 0 });
  expect(run.tasks.shipping.status).toBe('completed');
}

describe('examples/custom-host: the host with the fraud-check agent', () => {
  it('in process: lists fraud_check among the agents and runs order-with-fraud-check.json to completion', async () => {
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) }, exit: (code: number) => out.push(`exit ${code}`) };
    const app: INestApplication | undefined = await runCustomHost({ port: 0, host: '127.0.0.1', logger: false, envFile: false, io, env: { SHUTDOWN_GRACE_MS: '100' } });
    expect(app).toBeDefined();
    try {
      const port = (app!.getHttpServer().address() as { port: number }).port;
      const base = `http://127.0.0.1:${port}`;
      expect(out.join('')).toBe(`custom host listening on http://localhost:${port} — API docs http://localhost:${port}/docs\n`);
      const agents = (await (await fetch(`${base}/v1/agents`)).json()) as { items: { name: string }[] };
      expect(agents.items.map((agent) => agent.name)).toEqual(expect.arrayContaining(['fraud_check', 'payment_processor', 'approval_agent']));
      expectFraudCheckedOrder(await runPlan(base));
    } finally {
      await app!.close();
    }
  });

  it('as built (dist): starts on PORT=0, prints one line, runs the plan, and stops on SIGTERM', async () => {
    const main = join(__dirname, '..', 'dist', 'custom-host', 'src', 'main.js');
    const child = spawn(process.execPath, [main], { cwd: root, env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '100' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const seen = (chunk: Buffer): void => {
          printed += chunk.toString();
          const match = /listening on http:\/\/localhost:(\d+)/.exec(printed);
          if (match) resolve(Number(match[1]));
        };
        child.stdout.on('data', seen);
        child.stderr.on('data', seen);
        child.once('exit', (code) => reject(new Error(`the host exited (${code}) before listening:\n${printed}`)));
      });
      // Quiet boot: the one line, none of Nest's module and route lines (run logs come later, at info).
      expect(printed.split('\n').filter((line) => line.trim() !== '')).toHaveLength(1);
      expect(printed).not.toMatch(/InstanceLoader|RoutesResolver|RouterExplorer|NestFactory/);
      expectFraudCheckedOrder(await runPlan(`http://127.0.0.1:${port}`));
    } finally {
      child.kill('SIGTERM');
    }
    // Nest's shutdown hook closes the app and re-raises the signal: the process ends by SIGTERM.
    await exited;
    expect(child.signalCode).toBe('SIGTERM');
  });
});
