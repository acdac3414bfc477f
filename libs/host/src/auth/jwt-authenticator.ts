import type { KeyObject } from 'node:crypto';
import { JsonWebTokenError, NotBeforeError, TokenExpiredError, decode, verify, type Algorithm, type JwtPayload } from 'jsonwebtoken';
import { AUTH_SCOPES, type AuthScope, type JwtSettings } from '@a2a-mcp/orchestration';
import { CredentialRejection } from './credential-rejection';
import { JwksKeyStore } from './jwks-key-store';
import type { Principal } from './principal';

/** Asymmetric algorithms a key set's keys verify; HS256 only with JWT_SECRET (never a public key as an HMAC secret). */
const JWKS_ALGORITHMS: Algorithm[] = ['RS256', 'ES256'];
const SECRET_ALGORITHMS: Algorithm[] = ['HS256'];
/** Clocks of the host and the identity provider may differ this much. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * AUTH_MODE=jwt: verifies the signature (HS256 with JWT_SECRET, RS256/ES256 with the JWKS keys),
 * `exp` (required), `nbf`, and `iss`/`aud` when JWT_ISSUER/JWT_AUDIENCE are set. The tenant is the
 * JWT_TENANT_CLAIM claim, else `sub`; scopes come from `scope` (space-separated) or `scp` (a list).
 */
export class JwtAuthenticator {
  private readonly keys: JwksKeyStore | undefined;

  constructor(private readonly settings: JwtSettings) {
    if (settings.jwksUrl !== undefined) this.keys = new JwksKeyStore(settings.jwksUrl);
  }

  async authenticate(token: string): Promise<Principal> {
    const header = decode(token, { complete: true })?.header;
    if (header === undefined) throw new CredentialRejection('the bearer token is not a JWT');
    const key: string | KeyObject = this.keys === undefined ? (this.settings.secret ?? '') : await this.keys.keyFor(header.kid);
    let payload: JwtPayload;
    try {
      const verified = verify(token, key, {
        algorithms: this.keys === undefined ? SECRET_ALGORITHMS : JWKS_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(this.settings.issuer === undefined ? {} : { issuer: this.settings.issuer }),
        ...(this.settings.audience === undefined ? {} : { audience: this.settings.audience }),
      });
      if (typeof verified === 'string') throw new CredentialRejection('the token has no JSON claims');
      payload = verified;
    } catch (error) {
      throw rejectionOf(error);
    }
    if (typeof payload.exp !== 'number') throw new CredentialRejection('the token has no exp claim: tokens must expire');
    const tenant = this.tenantOf(payload);
    return { subject: `jwt:${String(payload.sub ?? tenant).slice(0, 128)}`, tenant, scopes: scopesOf(payload) };
  }

  private tenantOf(payload: JwtPayload): string {
    const claimed: unknown = payload[this.settings.tenantClaim] ?? payload.sub;
    if (typeof claimed !== 'string' || claimed.trim() === '') {
      throw new CredentialRejection(`the token names no tenant (claim ${this.settings.tenantClaim}, or sub)`);
    }
    return claimed.trim();
  }
}

/** `scope: "runs:read runs:write"` (OAuth 2) or `scp: ["runs:read"]` (Azure AD, Okta); unknown scopes are ignored. */
function scopesOf(payload: JwtPayload): ReadonlySet<AuthScope> {
  const named: unknown[] = [];
  if (typeof payload.scope === 'string') named.push(...payload.scope.split(/\s+/));
  const scp: unknown = payload.scp;
  if (Array.isArray(scp)) named.push(...scp);
  else if (typeof scp === 'string') named.push(...scp.split(/\s+/));
  return new Set(named.filter((scope): scope is AuthScope => (AUTH_SCOPES as readonly unknown[]).includes(scope)));
}

function rejectionOf(error: unknown): Error {
  if (error instanceof CredentialRejection) return error;
  if (error instanceof TokenExpiredError) return new CredentialRejection('the token has expired');
  if (error instanceof NotBeforeError) return new CredentialRejection('the token is not valid yet (nbf)');
  if (error instanceof JsonWebTokenError) return new CredentialRejection(`the token is not valid: ${error.message.slice(0, 200)}`);
  return error instanceof Error ? error : new Error(String(error));
}
