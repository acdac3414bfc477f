import { createHash } from 'node:crypto';
import { nkeys } from 'nats';

type KeyPair = ReturnType<typeof nkeys.createUser>;

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const base64url = (data: string | Uint8Array): string => Buffer.from(data).toString('base64url');

/**
 * A NATS JWT (decentralized auth, as `nsc` issues): claims about `subject` signed with the issuer's
 * nkey (alg ed25519-nkey). The jti is a hash of the claims, as nsc makes it; the server does not check it.
 */
function issue(issuer: KeyPair, subject: string, nats: Record<string, unknown>): string {
  const claims: Record<string, unknown> = { iat: Math.floor(Date.now() / 1000), iss: issuer.getPublicKey(), name: subject.slice(0, 8), sub: subject, nats: { ...nats, version: 2 } };
  claims.jti = createHash('sha256').update(JSON.stringify(claims)).digest('base64url');
  const signed = `${base64url(JSON.stringify({ typ: 'JWT', alg: 'ed25519-nkey' }))}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${base64url(issuer.sign(new TextEncoder().encode(signed)))}`;
}

const UNLIMITED = { subs: -1, data: -1, payload: -1 };

export interface OperatorSetup {
  /** The server config lines: operator JWT and a memory resolver preloaded with the account. */
  serverConfig: string;
  /** A .creds file's text for a user the account signed. */
  creds: string;
  /** A .creds file's text for a user signed by an account the server does not know. */
  strangerCreds: string;
  /** The users' seeds (the secret part of each file). */
  seed: string;
  strangerSeed: string;
}

/** An operator, one account and one user, as `nsc` would set them up, for a nats-server in operator mode. */
export function makeOperatorSetup(): OperatorSetup {
  const operator = nkeys.createOperator();
  const account = nkeys.createAccount();
  const stranger = nkeys.createAccount();
  const operatorJwt = issue(operator, operator.getPublicKey(), { type: 'operator' });
  const accountJwt = issue(operator, account.getPublicKey(), {
    type: 'account',
    limits: { ...UNLIMITED, imports: -1, exports: -1, wildcards: true, conn: -1, leaf: -1 },
    default_permissions: { pub: {}, sub: {} },
  });
  const credsOf = (signer: KeyPair, user: KeyPair): string => {
    const jwt = issue(signer, user.getPublicKey(), { type: 'user', pub: {}, sub: {}, ...UNLIMITED });
    return `-----BEGIN NATS USER JWT-----\n${jwt}\n------END NATS USER JWT------\n\n-----BEGIN USER NKEY SEED-----\n${text(user.getSeed())}\n------END USER NKEY SEED------\n`;
  };
  const user = nkeys.createUser();
  const strangerUser = nkeys.createUser();
  return {
    serverConfig: `operator: ${operatorJwt}\nresolver: MEMORY\nresolver_preload: { ${account.getPublicKey()}: ${accountJwt} }`,
    creds: credsOf(account, user),
    strangerCreds: credsOf(stranger, strangerUser),
    seed: text(user.getSeed()),
    strangerSeed: text(strangerUser.getSeed()),
  };
}
