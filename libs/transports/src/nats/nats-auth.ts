import { nkeys } from 'nats';
import { HIDDEN_VALUE, Secret } from '../security/secret';
import { readable, readTlsFiles, type ReportProblem, type TlsFiles } from '../security/tls-files';

/** How the host and the replicas log in to NATS: one method, as the server's authorization block expects. */
export type NatsAuth =
  | { method: 'user-password'; user: string; password: Secret }
  | { method: 'token'; token: Secret }
  | { method: 'nkey'; seed: Secret }
  | { method: 'creds-file'; file: string };

export type NatsAuthMethod = NatsAuth['method'];

/** The variables of each method, for messages (never their values). */
export const NATS_AUTH_VARIABLES: Readonly<Record<NatsAuthMethod, string>> = {
  'user-password': 'NATS_USER/NATS_PASSWORD',
  token: 'NATS_TOKEN',
  nkey: 'NATS_NKEY_SEED',
  'creds-file': 'NATS_CREDS_FILE',
};

/** "token (NATS_TOKEN)": the method and where it was configured. */
export const describeNatsAuth = (method: NatsAuthMethod): string => `${method} (${NATS_AUTH_VARIABLES[method]})`;

/** NATS_TLS_CA_FILE, NATS_TLS_CERT_FILE, NATS_TLS_KEY_FILE. */
export type NatsTlsFiles = TlsFiles;

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * NATS_USER + NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED or NATS_CREDS_FILE: at most one method, each
 * complete. Unset or blank: no login (the server allows anonymous clients). Secrets are reported as <hidden>.
 */
export function readNatsAuth(env: Environment, report: ReportProblem): NatsAuth | undefined {
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const user = text('NATS_USER');
  const password = text('NATS_PASSWORD');
  const token = text('NATS_TOKEN');
  const seed = text('NATS_NKEY_SEED');
  const credsFile = text('NATS_CREDS_FILE');

  const chosen: { variable: string; auth: () => NatsAuth | undefined }[] = [];
  if (user !== undefined || password !== undefined) {
    chosen.push({
      variable: user !== undefined ? 'NATS_USER' : 'NATS_PASSWORD',
      auth: () => {
        if (user === undefined) report('NATS_PASSWORD', HIDDEN_VALUE, 'set with NATS_USER (a password needs its user name)');
        else if (password === undefined) report('NATS_USER', user, 'set with NATS_PASSWORD (a user needs its password)');
        else return { method: 'user-password', user, password: new Secret(password) };
        return undefined;
      },
    });
  }
  if (token !== undefined) chosen.push({ variable: 'NATS_TOKEN', auth: () => ({ method: 'token', token: new Secret(token) }) });
  if (seed !== undefined) {
    chosen.push({
      variable: 'NATS_NKEY_SEED',
      auth: () => {
        const problem = userSeedProblem(seed);
        if (problem === undefined) return { method: 'nkey', seed: new Secret(seed) };
        report('NATS_NKEY_SEED', HIDDEN_VALUE, problem);
        return undefined;
      },
    });
  }
  if (credsFile !== undefined) {
    chosen.push({
      variable: 'NATS_CREDS_FILE',
      auth: () => {
        const problem = credsFileProblem(credsFile);
        if (problem === undefined) return { method: 'creds-file', file: credsFile };
        report('NATS_CREDS_FILE', credsFile, problem);
        return undefined;
      },
    });
  }
  if (chosen.length === 0) return undefined;
  if (chosen.length > 1) {
    const [first, ...others] = chosen;
    for (const other of others) {
      const value = other.variable === 'NATS_USER' || other.variable === 'NATS_CREDS_FILE' ? (env[other.variable]?.trim() ?? '') : HIDDEN_VALUE;
      report(other.variable, value, `one NATS login method, but ${first.variable} is set too: keep one of NATS_USER+NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED, NATS_CREDS_FILE`);
    }
    return undefined;
  }
  return chosen[0].auth();
}

/** NATS_TLS_*: the CA to trust, and a client certificate when the server verifies clients. */
export function readNatsTls(env: Environment, report: ReportProblem): NatsTlsFiles | undefined {
  return readTlsFiles(env, { ca: 'NATS_TLS_CA_FILE', cert: 'NATS_TLS_CERT_FILE', key: 'NATS_TLS_KEY_FILE' }, report);
}

/** What is wrong with a user nkey seed (never quoting it), or undefined. */
function userSeedProblem(seed: string): string | undefined {
  if (!seed.startsWith('SU')) return 'a user nkey seed (58 characters starting with SU, e.g. from `nk -gen user`)';
  try {
    nkeys.fromSeed(new TextEncoder().encode(seed));
    return undefined;
  } catch (error) {
    return `a valid user nkey seed (${(error as Error).message})`;
  }
}

const CREDS_JWT = /-----BEGIN NATS USER JWT-----/;
const CREDS_SEED = /-----BEGIN USER NKEY SEED-----/;

/** A .creds file (nsc's): a user JWT and the user's nkey seed. Read again at each connect, so a renewed file is picked up. */
function credsFileProblem(file: string): string | undefined {
  const text = readable(file);
  if (typeof text !== 'string') return text.problem;
  if (!CREDS_JWT.test(text) || !CREDS_SEED.test(text)) return 'a NATS .creds file (a "NATS USER JWT" and a "USER NKEY SEED" block, as `nsc generate creds` writes)';
  return undefined;
}
