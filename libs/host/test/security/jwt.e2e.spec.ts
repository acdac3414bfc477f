import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sign, type SignOptions } from 'jsonwebtoken';
import { examplePlan } from '../support/plans';
import { startTestApp, type TestApp } from '../support/test-app';
import { call } from './support/auth-fixtures';

jest.setTimeout(60_000);

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const RUN_SCOPES = 'runs:read runs:write';

interface RunPage {
  items: { runId: string }[];
}

/** A signed token: one hour to live unless `options` says otherwise. */
function token(claims: Record<string, unknown>, key: string | KeyObject = SECRET, options: SignOptions = {}): string {
  return sign(claims, key, { algorithm: 'HS256', expiresIn: 3600, ...options });
}

describe('AUTH_MODE=jwt with HS256 (JWT_SECRET)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_MODE: 'jwt', JWT_SECRET: SECRET, JWT_AUDIENCE: 'a2a-mcp', JWT_ISSUER: 'https://idp.test' });
  });
  afterAll(() => t.close());

  const claims = (extra: Record<string, unknown> = {}) => ({ sub: 'user-1', tenant: 'acme', scope: RUN_SCOPES, aud: 'a2a-mcp', iss: 'https://idp.test', ...extra });

  it('takes a valid token: the tenant claim owns the runs it starts', async () => {
    const acme = token(claims());
    const started = await call<{ runId: string }>('POST', `${t.url}/v1/runs`, acme, { plan: examplePlan('ecommerce-order') });
    expect(started.status).toBe(202);
    expect((await call('GET', `${t.url}/v1/runs/${started.body.runId}`, acme)).status).toBe(200);
    const globex = token(claims({ sub: 'user-2', tenant: 'globex' }));
    expect((await call('GET', `${t.url}/v1/runs/${started.body.runId}`, globex)).status).toBe(404);
    expect((await call<RunPage>('GET', `${t.url}/v1/runs`, globex)).body.items).toEqual([]);
  });

  it('falls back to sub for the tenant, and reads scopes from scp as well as scope', async () => {
    const bySub = token(claims({ tenant: undefined, sub: 'solo', scope: undefined, scp: ['runs:read', 'runs:write'] }));
    const started = await call<{ runId: string }>('POST', `${t.url}/v1/runs`, bySub, { plan: examplePlan('ecommerce-order') });
    expect(started.status).toBe(202);
    const soloRuns = await call<RunPage>('GET', `${t.url}/v1/runs`, token(claims({ tenant: 'solo' })));
    expect(soloRuns.body.items.map((item) => item.runId)).toEqual([started.body.runId]);
  });

  it('403 FORBIDDEN when the token lacks the scope', async () => {
    const reader = token(claims({ scope: 'runs:read' }));
    const refused = await call('POST', `${t.url}/v1/runs`, reader, { plan: examplePlan('ecommerce-order') });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', details: { scope: 'runs:write' } });
    expect((await call('GET', `${t.url}/v1/runs`, reader)).status).toBe(200);
  });

  it.each([
    ['an expired token', () => token(claims(), SECRET, { expiresIn: -60 }), /expired/],
    ['a token for another audience', () => token(claims({ aud: 'another-api' })), /audience/],
    ['a token from another issuer', () => token(claims({ iss: 'https://evil.test' })), /issuer/],
    ['a token signed with another secret', () => token(claims(), 'another-secret-of-at-least-32-characters!'), /signature/],
    ['a token without exp', () => sign(claims(), SECRET, { algorithm: 'HS256' }), /exp/],
    ['a token naming no tenant', () => token(claims({ tenant: undefined, sub: undefined })), /tenant/],
    ['an unsigned token (alg none)', () => sign(claims({ exp: Math.floor(Date.now() / 1000) + 600 }), null, { algorithm: 'none' }), /not valid/],
    ['not a JWT', () => 'plainly-not-a-jwt', /not a JWT/],
  ])('401 UNAUTHENTICATED for %s', async (_what, make, reason) => {
    const refused = await call('GET', `${t.url}/v1/runs`, make());
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(reason) });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="a2a-mcp", error="invalid_token"');
  });

  it('401 without a token, and an X-API-Key is not a way in here', async () => {
    const none = await call('GET', `${t.url}/v1/runs`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="a2a-mcp"');
    expect((await fetch(`${t.url}/v1/runs`, { headers: { 'x-api-key': token(claims()) } })).status).toBe(401);
  });
});

/** A JSON Web Key Set served over local HTTP, counting the fetches. */
class JwksServer {
  keys: object[] = [];
  fetches = 0;
  private server: Server | undefined;

  async start(): Promise<string> {
    this.server = createServer((_req, res) => {
      this.fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function rsaKey(kid: string): { privateKey: KeyObject; jwk: object } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

describe('AUTH_MODE=jwt with RS256/ES256 keys from JWT_JWKS_URL', () => {
  const jwks = new JwksServer();
  let t: TestApp;
  const first = rsaKey('key-1');

  beforeAll(async () => {
    jwks.keys = [first.jwk];
    t = await startTestApp({ AUTH_MODE: 'jwt', JWT_JWKS_URL: await jwks.start(), JWT_TENANT_CLAIM: 'org' });
  });
  afterAll(async () => {
    await t.close();
    await jwks.stop();
  });

  const rs256 = (key: KeyObject, kid: string, claims: Record<string, unknown> = {}) =>
    token({ sub: 'svc', org: 'acme', scope: RUN_SCOPES, ...claims }, key, { algorithm: 'RS256', keyid: kid });

  it('verifies with the key its kid names, fetching the key set once for many requests', async () => {
    for (let i = 0; i < 3; i++) expect((await call('GET', `${t.url}/v1/runs`, rs256(first.privateKey, 'key-1'))).status).toBe(200);
    expect(jwks.fetches).toBe(1);
  });

  it('the tenant comes from JWT_TENANT_CLAIM', async () => {
    const started = await call<{ runId: string }>('POST', `${t.url}/v1/runs`, rs256(first.privateKey, 'key-1'), { plan: examplePlan('ecommerce-order') });
    expect(started.status).toBe(202);
    expect((await call('GET', `${t.url}/v1/runs/${started.body.runId}`, rs256(first.privateKey, 'key-1', { org: 'globex' }))).status).toBe(404);
  });

  it('fetches the key set again for an unknown kid (the provider rotated its keys)', async () => {
    const rotated = rsaKey('key-2');
    jwks.keys = [first.jwk, rotated.jwk];
    const before = jwks.fetches;
    expect((await call('GET', `${t.url}/v1/runs`, rs256(rotated.privateKey, 'key-2'))).status).toBe(200);
    expect(jwks.fetches).toBe(before + 1);
  });

  it('takes ES256 keys too', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    jwks.keys = [...jwks.keys, { ...publicKey.export({ format: 'jwk' }), kid: 'ec-1', alg: 'ES256' }];
    const es256 = token({ sub: 'svc', org: 'acme', scope: RUN_SCOPES }, privateKey, { algorithm: 'ES256', keyid: 'ec-1' });
    expect((await call('GET', `${t.url}/v1/runs`, es256)).status).toBe(200);
  });

  it('401 for a token signed by a key outside the set, under a known or an unknown kid', async () => {
    const stranger = rsaKey('key-1');
    const forged = await call('GET', `${t.url}/v1/runs`, rs256(stranger.privateKey, 'key-1'));
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/signature/) });
    const unknown = await call('GET', `${t.url}/v1/runs`, rs256(stranger.privateKey, 'key-9'));
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ message: expect.stringMatching(/kid "key-9"/) });
  });

  it('401 for an HS256 token made with the public key as its secret (no algorithm confusion)', async () => {
    const publicPem = JSON.stringify(first.jwk);
    const confused = token({ sub: 'svc', org: 'acme', scope: RUN_SCOPES }, publicPem, { algorithm: 'HS256', keyid: 'key-1' });
    expect((await call('GET', `${t.url}/v1/runs`, confused)).status).toBe(401);
  });
});
