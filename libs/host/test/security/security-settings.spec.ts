import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrchestratorConfigError, isLoopbackHost, validateOrchestratorEnv, type Environment } from '@a2a-mcp/orchestration';
import { startApp } from '../../src/create-app';

/** The configuration error validateOrchestratorEnv throws for `env`, or a failure when it throws none. */
function refusal(env: Environment): OrchestratorConfigError {
  try {
    validateOrchestratorEnv(env);
  } catch (error) {
    if (error instanceof OrchestratorConfigError) return error;
    throw error;
  }
  throw new Error(`no configuration error for ${JSON.stringify(env)}`);
}

const KEY = 'a-long-enough-key-0123456789';

describe('security settings (validated at boot with the rest of the configuration)', () => {
  it('defaults: no auth, bound to 127.0.0.1, 600 run starts a minute, 100 streams per run, 50 per caller, CORS off, /metrics public', () => {
    const { security } = validateOrchestratorEnv({});
    expect(security).toEqual({
      authMode: 'none',
      apiKeys: [],
      host: '127.0.0.1',
      allowUnauthenticated: false,
      metricsAuth: false,
      cors: { kind: 'off' },
      runsPerMinute: 600,
      sseMaxClientsPerRun: 100,
      sseMaxClientsPerCaller: 50,
    });
  });

  it('reads API keys as key:tenant:scopes and keeps only their SHA-256 digests', () => {
    const { security } = validateOrchestratorEnv({ AUTH_MODE: 'apikey', API_KEYS: ` ${KEY}:acme:runs:read|runs:write , other-key-0123456789abcd:*:admin` });
    expect(security.apiKeys.map(({ tenant, scopes }) => ({ tenant, scopes }))).toEqual([
      { tenant: 'acme', scopes: ['runs:read', 'runs:write'] },
      { tenant: '*', scopes: ['admin'] },
    ]);
    expect(security.apiKeys[0].digest.toString('hex')).toHaveLength(64);
    expect(JSON.stringify(security)).not.toContain(KEY);
  });

  it('reads API_KEYS_FILE, one entry a line, with comments and blank lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-keys-'));
    try {
      const file = join(dir, 'keys');
      writeFileSync(file, `# operators\n${KEY}:ops:admin\n\nfile-key-0123456789abcdef:acme:runs:read\n`);
      const { security } = validateOrchestratorEnv({ AUTH_MODE: 'apikey', API_KEYS_FILE: file });
      expect(security.apiKeys.map((key) => key.tenant)).toEqual(['ops', 'acme']);
      const missing = refusal({ AUTH_MODE: 'apikey', API_KEYS_FILE: join(dir, 'nope') });
      expect(missing.issues).toEqual([expect.objectContaining({ variable: 'API_KEYS_FILE', allowed: expect.stringContaining('ENOENT') })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad API keys naming the entry, never echoing the key', () => {
    const bad = refusal({
      AUTH_MODE: 'apikey',
      API_KEYS: [`short:acme:runs:read`, `${KEY}:acme:runs:delete`, `${KEY}2:bad tenant:runs:read`, `${KEY}3:acme`, `${KEY}:acme:admin`].join(','),
    });
    expect(bad.issues.map((issue) => [issue.variable, issue.value])).toEqual([
      ['API_KEYS', 'API_KEYS entry 1 (value hidden)'],
      ['API_KEYS', 'API_KEYS entry 2 (value hidden)'],
      ['API_KEYS', 'API_KEYS entry 3 (value hidden)'],
      ['API_KEYS', 'API_KEYS entry 4 (value hidden)'],
    ]);
    expect(bad.issues[0].allowed).toMatch(/shorter than 16/);
    expect(bad.issues[1].allowed).toMatch(/unknown scope "runs:delete"/);
    expect(bad.issues[2].allowed).toMatch(/the tenant "bad tenant"/);
    expect(bad.issues[3].allowed).toMatch(/expected key:tenant:scopes/);
    expect(bad.message).not.toContain(KEY);
    // The same key twice would make its tenant ambiguous.
    expect(refusal({ AUTH_MODE: 'apikey', API_KEYS: `${KEY}:a:admin,${KEY}:b:admin` }).issues[0].allowed).toMatch(/listed twice/);
    expect(refusal({ AUTH_MODE: 'apikey' }).issues[0]).toMatchObject({ variable: 'API_KEYS', allowed: expect.stringContaining('at least one key') });
  });

  it('AUTH_MODE=jwt needs exactly one of JWT_SECRET (32+ characters) and JWT_JWKS_URL', () => {
    const secret = 's'.repeat(32);
    expect(validateOrchestratorEnv({ AUTH_MODE: 'jwt', JWT_SECRET: secret, JWT_AUDIENCE: 'api', JWT_ISSUER: 'idp' }).security.jwt).toEqual({
      secret,
      audience: 'api',
      issuer: 'idp',
      tenantClaim: 'tenant',
    });
    expect(validateOrchestratorEnv({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'https://idp.example.com/jwks', JWT_TENANT_CLAIM: 'org' }).security.jwt).toEqual({
      jwksUrl: 'https://idp.example.com/jwks',
      tenantClaim: 'org',
    });
    expect(refusal({ AUTH_MODE: 'jwt' }).issues[0].variable).toBe('JWT_SECRET');
    const short = refusal({ AUTH_MODE: 'jwt', JWT_SECRET: 'too-short-secret' });
    expect(short.issues[0]).toMatchObject({ variable: 'JWT_SECRET', allowed: 'at least 32 characters' });
    expect(short.message).not.toContain('too-short-secret');
    expect(refusal({ AUTH_MODE: 'jwt', JWT_SECRET: secret, JWT_JWKS_URL: 'https://idp.example.com/jwks' }).issues[0].variable).toBe('JWT_JWKS_URL');
    expect(refusal({ AUTH_MODE: 'jwt', JWT_JWKS_URL: 'ftp://idp.example.com/jwks' }).issues[0].variable).toBe('JWT_JWKS_URL');
    expect(refusal({ AUTH_MODE: 'oauth' }).issues[0]).toMatchObject({ variable: 'AUTH_MODE', allowed: 'one of none, apikey, jwt' });
  });

  it('reads CORS_ORIGINS as * or origins, and the limits as integers', () => {
    expect(validateOrchestratorEnv({ CORS_ORIGINS: '*' }).security.cors).toEqual({ kind: 'any' });
    expect(validateOrchestratorEnv({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).security.cors).toEqual({
      kind: 'list',
      origins: ['https://app.example.com', 'http://localhost:5173'],
    });
    expect(refusal({ CORS_ORIGINS: 'https://app.example.com/path' }).issues[0].variable).toBe('CORS_ORIGINS');
    const limits = validateOrchestratorEnv({ RATE_LIMIT_RUNS_PER_MINUTE: '0', SSE_MAX_CLIENTS_PER_RUN: '3', SSE_MAX_CLIENTS_PER_CALLER: '2' }).security;
    expect([limits.runsPerMinute, limits.sseMaxClientsPerRun, limits.sseMaxClientsPerCaller]).toEqual([0, 3, 2]);
    expect(refusal({ SSE_MAX_CLIENTS_PER_RUN: '0' }).issues[0].variable).toBe('SSE_MAX_CLIENTS_PER_RUN');
  });

  it('knows the loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', 'api.localhost', '::ffff:127.0.0.1']) expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true });
    for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.com', '128.0.0.1']) expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
  });
});

describe('the bind address: no unauthenticated API on an address other machines reach', () => {
  it('refuses HOST=0.0.0.0 with AUTH_MODE=none: INVALID_CONFIG naming HOST and AUTH_MODE', () => {
    const error = refusal({ HOST: '0.0.0.0' });
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.issues).toEqual([expect.objectContaining({ variable: 'HOST', value: '0.0.0.0' })]);
    expect(error.message).toMatch(/HOST="0\.0\.0\.0"/);
    expect(error.message).toMatch(/AUTH_MODE=none/);
    expect(error.message).toMatch(/ALLOW_UNAUTHENTICATED=true/);
  });

  it('takes a public address with ALLOW_UNAUTHENTICATED=true, or with authentication on', () => {
    expect(validateOrchestratorEnv({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' }).security.host).toBe('0.0.0.0');
    expect(validateOrchestratorEnv({ HOST: '0.0.0.0', AUTH_MODE: 'apikey', API_KEYS: `${KEY}:acme:admin` }).security.host).toBe('0.0.0.0');
    expect(validateOrchestratorEnv({ HOST: '::1' }).security.host).toBe('::1');
  });

  // Blank (= default) whatever the developer's shell sets.
  const baseline = { RUN_STORE: 'memory', HOST: '', AUTH_MODE: '', ALLOW_UNAUTHENTICATED: '', SHUTDOWN_GRACE_MS: '100' };

  it('startApp refuses a public `host` option the same way, and listens there with ALLOW_UNAUTHENTICATED=true', async () => {
    const quiet = { logger: false as const, port: 0 };
    await expect(startApp({ ...quiet, env: baseline, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'INVALID_CONFIG', message: expect.stringMatching(/HOST="0\.0\.0\.0".*AUTH_MODE=none/) });
    await expect(startApp({ ...quiet, env: { ...baseline, HOST: '0.0.0.0' } })).rejects.toMatchObject({ code: 'INVALID_CONFIG' });

    const open = await startApp({ ...quiet, env: { ...baseline, HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' } });
    try {
      expect((open.app.getHttpServer().address() as { address: string }).address).toBe('0.0.0.0');
      expect((await fetch(`http://127.0.0.1:${open.port}/health`)).status).toBe(200);
    } finally {
      await open.app.close();
    }
  });

  it('listens on 127.0.0.1 by default', async () => {
    const local = await startApp({ logger: false, port: 0, env: baseline });
    try {
      expect((local.app.getHttpServer().address() as { address: string }).address).toBe('127.0.0.1');
      expect(local.url).toBe(`http://127.0.0.1:${local.port}`);
    } finally {
      await local.app.close();
    }
  });
});
