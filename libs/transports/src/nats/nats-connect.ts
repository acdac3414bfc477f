import { readFileSync } from 'node:fs';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
  type Authenticator,
  type ConnectionOptions,
  type NatsConnection,
} from 'nats';
import { redactSecrets, type Secret } from '../security/secret';
import { describeNatsAuth, type NatsAuth, type NatsTlsFiles } from './nats-auth';

/** Where NATS is and how to log in: TransportSettings has these fields, so it can be passed as is. */
export interface NatsEndpoint {
  /** NATS_URL: one server or a comma-separated list. */
  natsUrl: string;
  natsAuth?: NatsAuth;
  natsTls?: NatsTlsFiles;
}

export interface ConnectNatsOptions {
  /** The connection's name, shown by the server's monitoring. */
  name: string;
  /** Budget of the first connect (default nats.js's 20 s). */
  timeoutMs?: number;
  /** -1: reconnect forever after a drop (long-lived connections); default nats.js's 10. */
  maxReconnectAttempts?: number;
}

/** A connect that failed on the login or on TLS: the message names the method and the variables, never a secret. */
export class NatsConnectError extends Error {
  constructor(
    readonly code: 'NATS_AUTH_FAILED' | 'NATS_TLS_FAILED',
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'NatsConnectError';
  }
}

/** Codes of a certificate the client did not trust and of a failed handshake (OpenSSL's and Node's). */
const TLS_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|^ERR_SSL_|^ERR_TLS_|^EPROTO$/;
/** nats.js's codes for a refused login. */
const AUTH_FAILURE = /^(AUTHORIZATION_VIOLATION|AUTHENTICATION_EXPIRED|AUTHENTICATION_TIMEOUT)$/;

/**
 * Connects with the endpoint's login and TLS files (read now, so a renewed .creds file or certificate
 * is used by the next connection). A refused login is NatsConnectError NATS_AUTH_FAILED, a failed
 * TLS handshake NATS_TLS_FAILED; other failures (refused, timeout) are nats.js's errors, unchanged.
 */
export async function connectNats(endpoint: NatsEndpoint, options: ConnectNatsOptions): Promise<NatsConnection> {
  const connectionOptions: ConnectionOptions = {
    servers: endpoint.natsUrl.split(',').map((server) => server.trim()),
    name: options.name,
  };
  if (options.timeoutMs !== undefined) connectionOptions.timeout = options.timeoutMs;
  if (options.maxReconnectAttempts !== undefined) connectionOptions.maxReconnectAttempts = options.maxReconnectAttempts;
  if (endpoint.natsAuth !== undefined) connectionOptions.authenticator = authenticatorOf(endpoint.natsAuth);
  if (endpoint.natsTls !== undefined) connectionOptions.tls = { ...endpoint.natsTls };
  try {
    return await connect(connectionOptions);
  } catch (error) {
    throw connectFailure(error, endpoint);
  }
}

function authenticatorOf(auth: NatsAuth): Authenticator {
  const bytes = (secret: Secret): Uint8Array => new TextEncoder().encode(secret.reveal());
  switch (auth.method) {
    case 'user-password':
      return usernamePasswordAuthenticator(auth.user, auth.password.reveal());
    case 'token':
      return tokenAuthenticator(auth.token.reveal());
    case 'nkey':
      return nkeyAuthenticator(bytes(auth.seed));
    case 'creds-file':
      return credsAuthenticator(readFileSync(auth.file));
  }
}

function connectFailure(error: unknown, endpoint: NatsEndpoint): unknown {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return error;
  const url = endpoint.natsUrl;
  const said = redactSecrets(error instanceof Error ? error.message : String(error), secretsOf(endpoint.natsAuth));
  if (AUTH_FAILURE.test(code)) {
    const how = endpoint.natsAuth === undefined ? 'without credentials (set NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED or NATS_CREDS_FILE)' : `with ${describeNatsAuth(endpoint.natsAuth.method)}`;
    return new NatsConnectError('NATS_AUTH_FAILED', url, `NATS at ${url} refused the login ${how}: ${code} (${said})`);
  }
  if (TLS_FAILURE.test(code)) {
    return new NatsConnectError('NATS_TLS_FAILED', url, `the TLS handshake with NATS at ${url} failed: ${code} (${said}); ${tlsAdvice(code, endpoint.natsTls)}`);
  }
  return error;
}

function tlsAdvice(code: string, tls: NatsTlsFiles | undefined): string {
  // nats.js checks the server's certificate against the host name of the URL (an IP address counts as "localhost").
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'the certificate is for another name: give NATS_URL a host name it carries';
  return tls?.caFile === undefined ? 'give the CA that signed it as NATS_TLS_CA_FILE' : 'check that NATS_TLS_CA_FILE holds the CA that signed it';
}

const secretsOf = (auth: NatsAuth | undefined): Secret[] => {
  if (auth === undefined) return [];
  switch (auth.method) {
    case 'user-password':
      return [auth.password];
    case 'token':
      return [auth.token];
    case 'nkey':
      return [auth.seed];
    case 'creds-file':
      return [];
  }
};
