import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../support/test-app';
import { API_KEYS, KEYS } from './support/auth-fixtures';

const root = join(__dirname, '..', '..', '..', '..');
const bin = join(root, 'apps', 'cli', 'bin', 'a2a-mcp.js');
const run = promisify(execFile);

/** The built CLI (project.json builds it before these tests), with only the variables given here about the server and key. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { A2A_MCP_API_KEY: _key, A2A_MCP_SERVER: _server, ...rest } = process.env;
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: root, env: { ...rest, FORCE_COLOR: '0', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('a2a-mcp --server against a host with AUTH_MODE=apikey', () => {
  let host: TestApp;
  jest.setTimeout(120_000);

  beforeAll(async () => {
    host = await startTestApp({ AUTH_MODE: 'apikey', API_KEYS });
  });
  afterAll(() => host.close());

  it('without a key the host refuses: exit 2, naming UNAUTHENTICATED and how to give a key', async () => {
    const refused = await cli(['runs', 'list', '--server', host.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/UNAUTHENTICATED/);
    expect(refused.stderr).toMatch(/--api-key or A2A_MCP_API_KEY/);
  });

  it('A2A_MCP_API_KEY runs a plan as its tenant; runs list, runs get and agents use it too', async () => {
    const env = { A2A_MCP_API_KEY: KEYS.acme };
    const submitted = await cli(['run', join(root, 'examples', 'ecommerce-order.json'), '--server', host.url, '--json'], env);
    expect(submitted.stderr).toBe('');
    expect(submitted.code).toBe(0);
    const { runId, status } = JSON.parse(submitted.stdout) as { runId: string; status: string };
    expect(status).toBe('completed');

    const listed = await cli(['runs', 'list', '--server', host.url, '--json'], env);
    expect((JSON.parse(listed.stdout) as { items: { runId: string }[] }).items.map((item) => item.runId)).toContain(runId);
    expect((await cli(['runs', 'get', runId, '--server', host.url], env)).code).toBe(0);
    expect((await cli(['agents', '--server', host.url, '--json'], env)).code).toBe(0);

    // Another tenant's key does not see the run.
    const other = await cli(['runs', 'get', runId, '--server', host.url], { A2A_MCP_API_KEY: KEYS.globex });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/no run|RUN_NOT_FOUND/);
  });

  it('--api-key wins over A2A_MCP_API_KEY; a wrong key is refused', async () => {
    const flag = await cli(['runs', 'list', '--server', host.url, '--api-key', KEYS.globex, '--json'], { A2A_MCP_API_KEY: 'wrong-key-0123456789abcdef' });
    expect(flag.code).toBe(0);
    const wrong = await cli(['runs', 'list', '--server', host.url], { A2A_MCP_API_KEY: 'wrong-key-0123456789abcdef' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/the API key is not valid/);
    expect(wrong.stderr).not.toContain('wrong-key-0123456789abcdef');
    expect((await cli(['runs', 'list', '--server', host.url, '--api-key', ' '])).stderr).toMatch(/--api-key is empty/);
  });
});
