import { HttpStatus } from '@nestjs/common';
import type { AuthMode, AuthScope } from '@a2a-mcp/orchestration';
import { ApiException } from '../http/errors/api-error';

/** The challenge a 401 carries (RFC 6750 / RFC 7235): how the host wants credentials. */
export function authChallenge(mode: AuthMode, error?: 'invalid_token'): string {
  const realm = 'realm="a2a-mcp"';
  const scheme = `Bearer ${realm}${error === undefined ? '' : `, error="${error}"`}`;
  // API keys also travel as X-API-Key: named so a client knows it may send one there.
  return mode === 'apikey' ? `${scheme}, ApiKey ${realm}, header="X-API-Key"` : scheme;
}

/** 401 UNAUTHENTICATED: no credentials, or credentials the host does not accept. */
export function unauthenticated(mode: AuthMode, message: string, invalid: boolean): ApiException {
  return new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', message, undefined, {
    'WWW-Authenticate': authChallenge(mode, invalid ? 'invalid_token' : undefined),
  });
}

/** 403 FORBIDDEN: authenticated, without the scope the operation needs (the message names it). */
export function forbidden(scope: AuthScope, what: string): ApiException {
  return new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', `${what} needs the scope ${scope} (or admin), which these credentials do not have`, { scope });
}
