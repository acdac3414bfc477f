import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

/** Headers helmet sets on every response. */
const HELMET_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
};

function expectHelmet(response: Response): void {
  for (const [name, value] of Object.entries(HELMET_HEADERS)) expect({ name, value: response.headers.get(name) }).toEqual({ name, value });
  expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  expect(response.headers.get('x-powered-by')).toBeNull();
}

describe('security headers (helmet) on every response', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('API answers, errors, body refusals and the agent card carry them, with a CSP that allows nothing', async () => {
    const answers = [
      await fetch(`${t.url}/v1/runs`),
      await fetch(`${t.url}/v1/runs/nope`),
      await fetch(`${t.url}/v1/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"plan": ' }),
      await fetch(`${t.url}/.well-known/agent-card.json`),
      await fetch(`${t.url}/health`),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 404, 400, 200, 200]);
    for (const response of answers) {
      expectHelmet(response);
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
    }
  });

  it('the Swagger UI at /docs gets a CSP it can load under: its own scripts, inline styles, data: images, no upgrade to https', async () => {
    const page = await fetch(`${t.url}/docs`);
    expect(page.status).toBe(200);
    expectHelmet(page);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
    expect(csp).toMatch(/img-src [^;]*data:/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Every script the page loads is its own (no inline script the CSP would block), and each is served.
    const html = await page.text();
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/);
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const src of scripts) {
      const script = await fetch(new URL(src, `${t.url}/docs`));
      expect({ src, status: script.status }).toEqual({ src, status: 200 });
    }
  });
});

describe('CORS_ORIGINS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/v1/runs`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

  it('off by default: no Access-Control-Allow-Origin for any origin', async () => {
    const t = await startTestApp();
    try {
      const read = await fetch(`${t.url}/v1/runs`, { headers: { origin: 'https://app.example.com' } });
      expect(read.status).toBe(200);
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
      expect((await preflight(t.url, 'https://app.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('a list allows those origins only, exposing the headers clients read', async () => {
    const t = await startTestApp({ CORS_ORIGINS: 'https://app.example.com,http://localhost:5173' });
    try {
      const allowed = await preflight(t.url, 'https://app.example.com');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      const read = await fetch(`${t.url}/v1/runs`, { headers: { origin: 'http://localhost:5173' } });
      expect(read.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(read.headers.get('access-control-expose-headers')).toMatch(/X-Run-Id/);
      const other = await fetch(`${t.url}/v1/runs`, { headers: { origin: 'https://evil.example.com' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('* allows any origin', async () => {
    const t = await startTestApp({ CORS_ORIGINS: '*' });
    try {
      const read = await fetch(`${t.url}/v1/runs`, { headers: { origin: 'https://anywhere.example.com' } });
      expect(read.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await t.close();
    }
  });
});
