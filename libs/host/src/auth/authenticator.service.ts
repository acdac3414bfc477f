import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { ORCHESTRATOR_CONFIG, type AuthMode, type OrchestratorConfig } from '@a2a-mcp/orchestration';
import { ApiException } from '../http/errors/api-error';
import { ApiKeyAuthenticator } from './api-key-authenticator';
import { unauthenticated } from './auth-errors';
import { CredentialRejection, KeySetUnavailable } from './credential-rejection';
import { JwtAuthenticator } from './jwt-authenticator';
import type { Principal } from './principal';

/** Longest credential read: anything longer is refused before it is hashed or parsed. */
const MAX_CREDENTIAL_LENGTH = 16 * 1024;

/**
 * Who is calling, from the request's headers (AUTH_MODE): `Authorization: Bearer <API key or JWT>`,
 * or with API keys `X-API-Key: <key>`. The REST guard, the A2A endpoint and the MCP endpoint all ask here.
 */
@Injectable()
export class Authenticator {
  readonly mode: AuthMode;
  private readonly logger = new Logger('Auth');
  private readonly apiKeys: ApiKeyAuthenticator | undefined;
  private readonly jwt: JwtAuthenticator | undefined;

  constructor(@Inject(ORCHESTRATOR_CONFIG) config: OrchestratorConfig) {
    const security = config.security;
    this.mode = security.authMode;
    if (security.authMode === 'apikey') this.apiKeys = new ApiKeyAuthenticator(security.apiKeys);
    if (security.authMode === 'jwt' && security.jwt !== undefined) this.jwt = new JwtAuthenticator(security.jwt);
  }

  get enabled(): boolean {
    return this.mode !== 'none';
  }

  /**
   * The caller, or undefined with AUTH_MODE=none. Throws ApiException 401 UNAUTHENTICATED (with
   * WWW-Authenticate) for missing or refused credentials, 503 AUTH_UNAVAILABLE when the JWKS cannot be read.
   */
  async authenticate(headers: IncomingHttpHeaders): Promise<Principal | undefined> {
    if (this.mode === 'none') return undefined;
    const credential = this.credentialOf(headers);
    try {
      if (this.apiKeys !== undefined) return this.apiKeys.authenticate(credential);
      if (this.jwt !== undefined) return await this.jwt.authenticate(credential);
    } catch (error) {
      if (error instanceof CredentialRejection) throw unauthenticated(this.mode, error.message, true);
      if (error instanceof KeySetUnavailable) {
        this.logger.warn(error.message);
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'AUTH_UNAVAILABLE', 'the host cannot verify tokens right now (its key set is unreachable); retry later', undefined, {
          'Retry-After': '5',
        });
      }
      throw error;
    }
    throw unauthenticated(this.mode, 'the host has no way to verify credentials', false);
  }

  private credentialOf(headers: IncomingHttpHeaders): string {
    const authorization = headers.authorization;
    const apiKey = this.mode === 'apikey' ? single(headers['x-api-key']) : undefined;
    let credential: string | undefined;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (match === null) throw unauthenticated(this.mode, 'the Authorization header must be "Bearer <credential>"', true);
      credential = match[1];
    } else {
      credential = apiKey?.trim();
    }
    if (credential === undefined || credential === '') {
      const how = this.mode === 'apikey' ? 'an API key (Authorization: Bearer <key>, or X-API-Key: <key>)' : 'a token (Authorization: Bearer <JWT>)';
      throw unauthenticated(this.mode, `this endpoint needs ${how}`, false);
    }
    if (credential.length > MAX_CREDENTIAL_LENGTH) throw unauthenticated(this.mode, 'the credential is too long', true);
    return credential;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
