import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskError } from '@a2a-mcp/core-graph';
import { nkeys } from 'nats';
import { NatsAgentClient, NatsAgentServer, NatsConnectError, Secret, connectNats, type NatsAuth, type NatsTlsFiles } from '../src';
import { hostContext, taskFor, testAgent, uniquePrefix } from './support/nats-fixtures';
import { makeOperatorSetup } from './support/nats-jwt';
import { hasNatsServer, startNatsServer, type NatsServerProcess } from './support/nats-server-process';
import { hasOpenssl, makeTlsFixture, type TlsFixture } from './support/tls-fixtures';
import { AgentRegistry } from '@a2a-mcp/agents';

if (!hasNatsServer()) throw new Error('these tests start their own nats-server (/usr/sbin/nats-server); install it');

const PASSWORD = 'pw-7f3a9c-correct-horse';
const TOKEN = 'tok-51b2e8-battery-staple';
const WRONG_PASSWORD = 'pw-wrong-0d94e1';
const WRONG_TOKEN = 'tok-wrong-c83f02';
const userKeys = nkeys.createUser();
const userSeed = new TextDecoder().decode(userKeys.getSeed());
const strangerSeed = new TextDecoder().decode(nkeys.createUser().getSeed());

const registry = new AgentRegistry([testAgent('doubler', async (task) => ({ doubled: Number((task.input as { n: number }).n) * 2 }))]);

/** Serves `doubler` through the server at `url` with `auth`, runs one attempt from a client with `clientAuth`, and cleans up. */
async function attemptThrough(url: string, auth: NatsAuth | undefined, clientAuth: NatsAuth | undefined = auth, tls?: NatsTlsFiles): Promise<unknown> {
  const prefix = uniquePrefix();
  const server = new NatsAgentServer({ executor: registry, agents: ['doubler'], servers: url, auth, tls, subjectPrefix: prefix, heartbeatMs: 50, shutdownGraceMs: 100 });
  const client = new NatsAgentClient({ url, auth: clientAuth, tls, subjectPrefix: prefix, heartbeatMs: 50, missedBeats: 20, connectTimeoutMs: 3000 });
  try {
    await server.start();
    const { ctx } = hostContext();
    return await client.executorFor('doubler').execute(taskFor('doubler', ctx, { input: { n: 21 } }), ctx);
  } finally {
    await client.close();
    await server.close();
  }
}

/** The client's failed attempt, checked to be a non-retryable TaskError. */
async function failedAttempt(url: string, clientAuth: NatsAuth | undefined, tls?: NatsTlsFiles): Promise<TaskError> {
  const client = new NatsAgentClient({ url, auth: clientAuth, tls, subjectPrefix: uniquePrefix(), connectTimeoutMs: 3000 });
  try {
    const { ctx } = hostContext();
    const error = await client.executorFor('doubler').execute(taskFor('doubler', ctx, { input: { n: 1 } }), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ retryable: false });
    return error as TaskError;
  } finally {
    await client.close();
  }
}

/** Neither the message nor anything reachable by printing the error holds a secret. */
function expectNoSecrets(error: Error, secrets: readonly string[]): void {
  const printed = `${error.message}\n${error.stack ?? ''}\n${JSON.stringify(error)}`;
  for (const secret of secrets) expect(printed).not.toContain(secret);
}

describe('NATS with credentials (a nats-server that requires them)', () => {
  describe('user and password (NATS_USER / NATS_PASSWORD)', () => {
    let server: NatsServerProcess;
    beforeAll(async () => {
      server = await startNatsServer(`authorization { users: [ { user: "agents", password: "${PASSWORD}" } ] }`);
    });
    afterAll(() => server.stop());

    it('the replica and the host log in and complete an attempt', async () => {
      const auth: NatsAuth = { method: 'user-password', user: 'agents', password: new Secret(PASSWORD) };
      await expect(attemptThrough(server.url, auth)).resolves.toEqual({ doubled: 42 });
    });

    it('a wrong password is NATS_AUTH_FAILED naming the method, without either password', async () => {
      const error = await failedAttempt(server.url, { method: 'user-password', user: 'agents', password: new Secret(WRONG_PASSWORD) });
      expect(error.code).toBe('NATS_AUTH_FAILED');
      expect(error.message).toContain(`agent "doubler" over nats: NATS at ${server.url} refused the login with user-password (NATS_USER/NATS_PASSWORD): AUTHORIZATION_VIOLATION`);
      expectNoSecrets(error, [WRONG_PASSWORD, PASSWORD]);
    });

    it('no credentials at all is NATS_AUTH_FAILED saying which variables to set', async () => {
      const error = await failedAttempt(server.url, undefined);
      expect(error.code).toBe('NATS_AUTH_FAILED');
      expect(error.message).toContain('refused the login without credentials (set NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED or NATS_CREDS_FILE)');
    });
  });

  describe('token (NATS_TOKEN)', () => {
    let server: NatsServerProcess;
    beforeAll(async () => {
      server = await startNatsServer(`authorization { token: "${TOKEN}" }`);
    });
    afterAll(() => server.stop());

    it('the replica and the host log in and complete an attempt', async () => {
      await expect(attemptThrough(server.url, { method: 'token', token: new Secret(TOKEN) })).resolves.toEqual({ doubled: 42 });
    });

    it('a wrong token is NATS_AUTH_FAILED naming NATS_TOKEN, without either token', async () => {
      const error = await failedAttempt(server.url, { method: 'token', token: new Secret(WRONG_TOKEN) });
      expect(error.code).toBe('NATS_AUTH_FAILED');
      expect(error.message).toContain('refused the login with token (NATS_TOKEN)');
      expectNoSecrets(error, [WRONG_TOKEN, TOKEN]);
    });

    it('a replica with a wrong token fails to start with NatsConnectError, the token hidden', async () => {
      const replica = new NatsAgentServer({ executor: registry, agents: ['doubler'], servers: server.url, auth: { method: 'token', token: new Secret(WRONG_TOKEN) } });
      const error = await replica.start().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NatsConnectError);
      expect(error).toMatchObject({ code: 'NATS_AUTH_FAILED', url: server.url });
      expectNoSecrets(error as Error, [WRONG_TOKEN, TOKEN]);
    });
  });

  describe('nkey (NATS_NKEY_SEED)', () => {
    let server: NatsServerProcess;
    beforeAll(async () => {
      server = await startNatsServer(`authorization { users: [ { nkey: "${userKeys.getPublicKey()}" } ] }`);
    });
    afterAll(() => server.stop());

    it('the replica and the host sign the server nonce with the seed and complete an attempt', async () => {
      await expect(attemptThrough(server.url, { method: 'nkey', seed: new Secret(userSeed) })).resolves.toEqual({ doubled: 42 });
    });

    it('the seed of an unknown user is NATS_AUTH_FAILED naming NATS_NKEY_SEED, without the seed', async () => {
      const error = await failedAttempt(server.url, { method: 'nkey', seed: new Secret(strangerSeed) });
      expect(error.code).toBe('NATS_AUTH_FAILED');
      expect(error.message).toContain('refused the login with nkey (NATS_NKEY_SEED)');
      expectNoSecrets(error, [strangerSeed, userSeed]);
    });
  });
});

describe('NATS with a .creds file (NATS_CREDS_FILE; a server in operator mode)', () => {
  const setup = makeOperatorSetup();
  const dir = mkdtempSync(join(tmpdir(), 'a2a-nats-creds-'));
  const credsFile = join(dir, 'user.creds');
  const strangerFile = join(dir, 'stranger.creds');
  let server: NatsServerProcess;
  beforeAll(async () => {
    writeFileSync(credsFile, setup.creds);
    writeFileSync(strangerFile, setup.strangerCreds);
    server = await startNatsServer(setup.serverConfig);
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the replica and the host present the user JWT, sign with its seed and complete an attempt', async () => {
    await expect(attemptThrough(server.url, { method: 'creds-file', file: credsFile })).resolves.toEqual({ doubled: 42 });
  });

  it("a user of an account the server does not know is NATS_AUTH_FAILED naming NATS_CREDS_FILE, without the file's seed", async () => {
    const error = await failedAttempt(server.url, { method: 'creds-file', file: strangerFile });
    expect(error.code).toBe('NATS_AUTH_FAILED');
    expect(error.message).toContain('refused the login with creds-file (NATS_CREDS_FILE)');
    expectNoSecrets(error, [setup.seed, setup.strangerSeed]);
  });
});

describe('NATS over TLS (NATS_TLS_*)', () => {
  let tls: TlsFixture;
  let server: NatsServerProcess;
  beforeAll(async () => {
    if (!hasOpenssl()) throw new Error('this test makes its certificates with the openssl command line; install openssl');
    tls = makeTlsFixture();
    server = await startNatsServer(
      `tls { cert_file: "${tls.server.certFile}", key_file: "${tls.server.keyFile}", ca_file: "${tls.ca.certFile}", verify: true }\nauthorization { token: "${TOKEN}" }`,
    );
  });
  afterAll(async () => {
    await server.stop();
    tls.remove();
  });

  it('with the CA and a client certificate (the server verifies clients), an attempt completes', async () => {
    const files: NatsTlsFiles = { caFile: tls.ca.certFile, certFile: tls.client.certFile, keyFile: tls.client.keyFile };
    // nats.js checks the certificate against the URL's host name: the name the certificate carries.
    const url = server.url.replace('127.0.0.1', 'localhost');
    await expect(attemptThrough(url, { method: 'token', token: new Secret(TOKEN) }, undefined, files)).resolves.toEqual({ doubled: 42 });
  });

  it('without the CA the handshake fails with NATS_TLS_FAILED pointing at NATS_TLS_CA_FILE', async () => {
    const error = await connectNats({ natsUrl: server.url, natsAuth: { method: 'token', token: new Secret(TOKEN) }, natsTls: { certFile: tls.client.certFile, keyFile: tls.client.keyFile } }, { name: 'test', timeoutMs: 3000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NatsConnectError);
    expect(error).toMatchObject({ code: 'NATS_TLS_FAILED', message: expect.stringContaining('give the CA that signed it as NATS_TLS_CA_FILE') });
    expectNoSecrets(error as Error, [TOKEN]);
  });
});
