import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { get, post } from './support/http';
import { startTestApp, type TestApp } from './support/test-app';

/** A console build as Vite lays it out: the page and a hashed asset. */
function fakeConsoleBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'web-console-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>a2a-mcp</title><script type="module" src="/assets/app-1a2b.js"></script>');
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log("console")');
  return root;
}

describe('the web console, served by the host', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = fakeConsoleBuild();
    t = await startTestApp({ AUTH_MODE: 'apikey', API_KEYS: 'console-key-0123456789:acme:runs:read' }, [], { webRoot: root });
  });

  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the page at / without credentials, never cached, under a CSP that allows only this host', async () => {
    const page = await fetch(`${t.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>a2a-mcp</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
  });

  it('serves hashed assets for a year, and the API still needs its credentials', async () => {
    const asset = await fetch(`${t.url}/assets/app-1a2b.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.url}/assets/missing.js`)).status).toBe(404);
    expect((await get(`${t.url}/v1/runs`)).status).toBe(401);
  });

  it('checks a plan with the validator of POST /v1/runs: issues at their paths, or valid with its task count', async () => {
    const auth = { authorization: 'Bearer console-key-0123456789', 'content-type': 'application/json' };
    const bad = await fetch(`${t.url}/v1/plans/validate`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ plan: { tasks: [{ id: 'a', description: 'x', agent: 'nobody' }, { id: 'b', description: 'y', agent: 'simulator', dependencies: ['zzz'] }] } }),
    });
    expect(bad.status).toBe(200);
    const checked = (await bad.json()) as { valid: boolean; issues: { code: string; path: string; taskId?: string }[] };
    expect(checked.valid).toBe(false);
    expect(checked.issues).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_AGENT', path: 'tasks[0].agent', taskId: 'a' }),
      expect.objectContaining({ code: 'UNKNOWN_DEPENDENCY', path: 'tasks[1].dependencies[0]', taskId: 'b' }),
    ]);
    const good = await fetch(`${t.url}/v1/plans/validate`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ plan: { tasks: [{ id: 'a', description: 'x', agent: 'simulator' }] } }),
    });
    expect(await good.json()).toEqual({ valid: true, issues: [], taskCount: 1 });
    expect((await post(`${t.url}/v1/plans/validate`, { plan: { tasks: [] } })).status).toBe(401);
  });
});
