import { X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import { causeChain } from './error-causes';

/** TLS settings for an A2A agent served over https. */
export interface A2aTlsOptions {
  /**
   * The certificate authorities (PEM) to trust for this agent, instead of the system's: an agent with a
   * private or self-signed certificate. Without it the system's roots decide.
   */
  ca: string | Buffer | ReadonlyArray<string | Buffer>;
}

/** The TLS part of undici's `connect` options. */
export interface TlsConnectOptions {
  secureContext?: SecureContext;
}

/** A `tls.ca` that holds no usable PEM certificate (Node would ignore it and then trust nothing). */
export class BadTlsOptionError extends TypeError {
  readonly code = 'BAD_TLS_OPTION' as const;
  constructor(
    readonly url: string,
    problem: string,
  ) {
    super(`the TLS option ca for the A2A agent at ${url} ${problem}`);
    this.name = 'BadTlsOptionError';
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM certificates in `ca`, each parsed once so a broken one is named now rather than at a handshake. */
function certificatesOf(ca: A2aTlsOptions['ca'], url: string): string[] {
  const entries = typeof ca === 'string' || Buffer.isBuffer(ca) ? [ca] : [...ca];
  const blocks = entries.flatMap((entry) => entry.toString('utf8').match(PEM_CERTIFICATE) ?? []);
  if (blocks.length === 0) throw new BadTlsOptionError(url, 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new BadTlsOptionError(url, `has a certificate that does not parse (${index + 1} of ${blocks.length}): ${(error as Error).message}`);
    }
  });
  return blocks;
}

/**
 * One SecureContext for every connection of a pool: the CAs are parsed once, not at each handshake.
 * Throws BadTlsOptionError (BAD_TLS_OPTION) naming `url` when `ca` holds no usable PEM certificate.
 */
export function tlsConnectOptions(url: string, tls: A2aTlsOptions | undefined): TlsConnectOptions {
  if (tls === undefined) return {};
  return { secureContext: createSecureContext({ ca: certificatesOf(tls.ca, url) }) };
}

/** Codes of a certificate the client did not trust and of a failed handshake (OpenSSL's and Node's). */
const TLS_FAILURE = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|^ERR_SSL_|^ERR_TLS_|^EPROTO$/;

/** `host:port` of `url`, for messages. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * When `error` (or one of its causes) is a TLS failure, says so: "TLS handshake with 127.0.0.1:8443
 * failed: its certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate); …".
 * Undefined for any other error.
 */
export function tlsFailure(error: unknown, url: string): string | undefined {
  for (const entry of causeChain(error)) {
    const code = (entry as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !TLS_FAILURE.test(code)) continue;
    const message = entry instanceof Error ? entry.message : String(entry);
    const untrusted = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)/.test(code);
    const host = hostOf(url);
    return untrusted
      ? `TLS handshake with ${host} failed: its certificate is not trusted (${code}: ${message}); give the agent's CA as the tls.ca option`
      : `TLS handshake with ${host} failed (${code}: ${message})`;
  }
  return undefined;
}
