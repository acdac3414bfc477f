import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from './support/test-app';

const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'apps', 'cli', 'bin', 'a2a-mcp.js');
const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The CLI binary against the real host: `run --server` and `watch` over HTTP and SSE. */
describe('a2a-mcp --server against the orchestrator', () => {
  let host: TestApp;
  jest.setTimeout(120_000);

  beforeAll(async () => {
    // The CLI is another app: built before this test (project.json dependsOn), spawned, never imported.
    host = await startTestApp();
  });

  afterAll(async () => {
    await host.close();
  });

  it('runs a plan on the host and prints the same result contract, then watch replays it', async () => {
    const submitted = await cli(['run', join(root, 'examples', 'ecommerce-order.json'), '--server', host.url, '--json']);
    expect(submitted.stderr).toBe('');
    expect(submitted.code).toBe(0);
    const result = JSON.parse(submitted.stdout) as { runId: string; status: string; criticalPath: string[]; successful: string[] };
    expect(result.status).toBe('completed');
    // Real timers on a loaded machine: the path starts at one of the two first-level tasks (payment and
    // inventory end within a few ms of each other; CI once measured inventory later), then a task after both.
    expect(['payment', 'inventory']).toContain(result.criticalPath[0]);
    expect(result.successful).toHaveLength(5);

    const watched = await cli(['watch', result.runId, '--server', host.url]);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(new RegExp(`Run ${result.runId.slice(0, 8)}\\S* completed`));
    expect(watched.stdout).toMatch(/^shipping\s+completed\s+shipping_agent/m);
  });

  it('plans a request on the host; a plan the host refuses exits 2 naming task and field', async () => {
    const planned = await cli(['run', '--request', 'Charge the card for order 7, then email the customer.', '--server', host.url, '--json']);
    expect(planned.code).toBe(0);
    expect(Object.keys((JSON.parse(planned.stdout) as { tasks: object }).tasks).sort()).toEqual(['email', 'payment']);

    const refused = await cli(['run', join(root, 'apps', 'cli', 'test', 'fixtures', 'unknown-agent.json'), '--server', host.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/INVALID_PLAN/);
    expect(refused.stderr).toMatch(/unknown agent/);
  });

  it('watch of an unknown run is bad input (404 RUN_NOT_FOUND)', async () => {
    const missing = await cli(['watch', 'no-such-run', '--server', host.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/RUN_NOT_FOUND/);
  });
});
