import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { nkeys } from 'nats';
import { Secret, TransportSettingsError, transportSettingsFromEnv, type TransportSettings } from '../src';
import { makeOperatorSetup } from './support/nats-jwt';
import { hasOpenssl, makeTlsFixture, type TlsFixture } from './support/tls-fixtures';

if (!hasOpenssl()) throw new Error('these tests make their certificates with the openssl command line; install openssl');

const PASSWORD = 'pw-3e1d77-do-not-print';
const TOKEN = 'tok-9a0c42-do-not-print';
const SEED = new TextDecoder().decode(nkeys.createUser().getSeed());

/** The TransportSettingsError the environment gives (fails the test if it reads fine). */
function problemsOf(env: Record<string, string>): TransportSettingsError {
  try {
    transportSettingsFromEnv(env);
  } catch (error) {
    if (error instanceof TransportSettingsError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(Object.keys(env))} to be refused`);
}

describe('transportSettingsFromEnv: NATS login and TLS, gRPC TLS', () => {
  let tls: TlsFixture;
  let dir: string;
  let credsFile: string;
  let notCreds: string;

  beforeAll(() => {
    tls = makeTlsFixture();
    dir = mkdtempSync(join(tmpdir(), 'a2a-settings-'));
    credsFile = join(dir, 'user.creds');
    writeFileSync(credsFile, makeOperatorSetup().creds);
    notCreds = join(dir, 'notes.txt');
    writeFileSync(notCreds, 'not a creds file\n');
  });
  afterAll(() => {
    tls.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('nothing set: no login, NATS TLS only if the server asks, plaintext gRPC', () => {
    const settings = transportSettingsFromEnv({ NATS_USER: ' ', NATS_TOKEN: '', GRPC_TLS_CA_FILE: '' });
    expect(settings).not.toHaveProperty('natsAuth');
    expect(settings).not.toHaveProperty('natsTls');
    expect(settings).not.toHaveProperty('grpcTls');
  });

  it('reads each login method', () => {
    const user = transportSettingsFromEnv({ NATS_USER: 'agents', NATS_PASSWORD: PASSWORD }).natsAuth;
    expect(user).toMatchObject({ method: 'user-password', user: 'agents' });
    expect(user?.method === 'user-password' && user.password.reveal()).toBe(PASSWORD);
    const token = transportSettingsFromEnv({ NATS_TOKEN: TOKEN }).natsAuth;
    expect(token?.method === 'token' && token.token.reveal()).toBe(TOKEN);
    const nkey = transportSettingsFromEnv({ NATS_NKEY_SEED: SEED }).natsAuth;
    expect(nkey?.method === 'nkey' && nkey.seed.reveal()).toBe(SEED);
    expect(transportSettingsFromEnv({ NATS_CREDS_FILE: credsFile }).natsAuth).toEqual({ method: 'creds-file', file: credsFile });
  });

  it('reads the TLS files of NATS and gRPC and the gRPC server name', () => {
    const settings = transportSettingsFromEnv({
      NATS_TLS_CA_FILE: tls.ca.certFile,
      NATS_TLS_CERT_FILE: tls.client.certFile,
      NATS_TLS_KEY_FILE: tls.client.keyFile,
      GRPC_TLS_CA_FILE: tls.ca.certFile,
      GRPC_TLS_CERT_FILE: tls.server.certFile,
      GRPC_TLS_KEY_FILE: tls.server.keyFile,
      GRPC_TLS_SERVER_NAME: 'agents.test',
    });
    expect(settings.natsTls).toEqual({ caFile: tls.ca.certFile, certFile: tls.client.certFile, keyFile: tls.client.keyFile });
    expect(settings.grpcTls).toEqual({ caFile: tls.ca.certFile, certFile: tls.server.certFile, keyFile: tls.server.keyFile, serverName: 'agents.test' });
    expect(transportSettingsFromEnv({ GRPC_TLS_CA_FILE: tls.ca.certFile }).grpcTls).toEqual({ caFile: tls.ca.certFile });
  });

  it('printing the settings (JSON, util.inspect, a template string) shows <hidden> for every secret', () => {
    const printed = (settings: TransportSettings): string => `${JSON.stringify(settings)}\n${inspect(settings, { depth: 5 })}\n${String(settings.natsAuth && Object.values(settings.natsAuth))}`;
    for (const env of [{ NATS_USER: 'agents', NATS_PASSWORD: PASSWORD }, { NATS_TOKEN: TOKEN }, { NATS_NKEY_SEED: SEED }]) {
      const text = printed(transportSettingsFromEnv(env));
      expect(text).toContain('<hidden>');
      for (const secret of [PASSWORD, TOKEN, SEED]) expect(text).not.toContain(secret);
    }
    expect(`${new Secret(TOKEN)}`).toBe('<hidden>');
  });

  describe('refuses, naming the variable (secrets shown as <hidden>)', () => {
    it.each([
      ['a user without a password', { NATS_USER: 'agents' }, 'NATS_USER="agents": set with NATS_PASSWORD'],
      ['a password without a user', { NATS_PASSWORD: PASSWORD }, 'NATS_PASSWORD="<hidden>": set with NATS_USER'],
      ['two login methods', { NATS_TOKEN: TOKEN, NATS_NKEY_SEED: SEED }, 'NATS_NKEY_SEED="<hidden>": one NATS login method, but NATS_TOKEN is set too'],
      ['a user and a creds file', { NATS_USER: 'agents', NATS_PASSWORD: PASSWORD, NATS_CREDS_FILE: '/x.creds' }, 'NATS_CREDS_FILE="/x.creds": one NATS login method, but NATS_USER is set too'],
      ['an account seed for a user seed', { NATS_NKEY_SEED: new TextDecoder().decode(nkeys.createAccount().getSeed()) }, 'NATS_NKEY_SEED="<hidden>": a user nkey seed (58 characters starting with SU'],
      // One payload character changed: the seed's CRC-16 no longer matches.
      ['a seed with a typo', { NATS_NKEY_SEED: `${SEED.slice(0, 10)}${SEED[10] === 'A' ? 'B' : 'A'}${SEED.slice(11)}` }, 'NATS_NKEY_SEED="<hidden>": a valid user nkey seed (nkeys: invalid checksum)'],
      ['a creds file that is not there', { NATS_CREDS_FILE: '/nowhere/user.creds' }, 'NATS_CREDS_FILE="/nowhere/user.creds": a readable file (no such file)'],
      ['NATS_TLS_CA_FILE not there', { NATS_TLS_CA_FILE: '/nowhere/ca.pem' }, 'NATS_TLS_CA_FILE="/nowhere/ca.pem": a readable file (no such file)'],
      ['a certificate without its key', { NATS_TLS_CERT_FILE: '/c.pem' }, 'NATS_TLS_CERT_FILE="/c.pem": set NATS_TLS_KEY_FILE too'],
      ['a key without its certificate', { GRPC_TLS_KEY_FILE: '/k.pem' }, 'GRPC_TLS_KEY_FILE="/k.pem": set GRPC_TLS_CERT_FILE too'],
      ['a server name without TLS', { GRPC_TLS_SERVER_NAME: 'agents.test' }, 'GRPC_TLS_SERVER_NAME="agents.test": only with TLS'],
    ])('%s', (_case, env, issue) => {
      const error = problemsOf(env);
      expect(error.code).toBe('INVALID_TRANSPORT_SETTINGS');
      expect(error.message).toContain(issue);
      for (const secret of [PASSWORD, TOKEN, SEED]) expect(`${error.message}${JSON.stringify(error.problems)}`).not.toContain(secret);
    });

    it('files that are there but wrong', () => {
      expect(problemsOf({ NATS_CREDS_FILE: notCreds }).message).toContain(`NATS_CREDS_FILE=${JSON.stringify(notCreds)}: a NATS .creds file`);
      expect(problemsOf({ GRPC_TLS_CA_FILE: notCreds }).message).toContain(`GRPC_TLS_CA_FILE=${JSON.stringify(notCreds)}: a PEM file of certificates`);
      expect(problemsOf({ GRPC_TLS_CERT_FILE: tls.server.certFile, GRPC_TLS_KEY_FILE: tls.server.certFile }).message).toContain('GRPC_TLS_KEY_FILE=');
      expect(problemsOf({ GRPC_TLS_CERT_FILE: tls.server.certFile, GRPC_TLS_KEY_FILE: tls.server.certFile }).message).toContain('an unencrypted PEM private key');
      expect(problemsOf({ GRPC_TLS_CERT_FILE: tls.server.certFile, GRPC_TLS_KEY_FILE: tls.client.keyFile }).message).toContain(
        'GRPC_TLS_KEY_FILE=' + JSON.stringify(tls.client.keyFile) + ': the private key of the certificate in GRPC_TLS_CERT_FILE (this key belongs to another one)',
      );
      expect(problemsOf({ GRPC_TLS_CA_FILE: tls.ca.certFile, GRPC_TLS_SERVER_NAME: 'not a name!' }).message).toContain('GRPC_TLS_SERVER_NAME="not a name!": a host name');
    });

    it('every bad variable at once, as structured problems', () => {
      const error = problemsOf({ NATS_USER: 'agents', NATS_TLS_CA_FILE: '/nowhere', GRPC_TLS_CERT_FILE: '/c.pem', AGENT_HEARTBEAT_MS: '0' });
      expect(error.problems.map((problem) => problem.variable)).toEqual(['AGENT_HEARTBEAT_MS', 'NATS_USER', 'NATS_TLS_CA_FILE', 'GRPC_TLS_CERT_FILE']);
      expect(error.problems[1]).toEqual({ variable: 'NATS_USER', value: 'agents', expected: 'set with NATS_PASSWORD (a user needs its password)' });
    });
  });
});
