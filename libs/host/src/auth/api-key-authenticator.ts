import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry } from '@a2a-mcp/orchestration';
import { CredentialRejection } from './credential-rejection';
import type { Principal } from './principal';

/**
 * AUTH_MODE=apikey: the presented key's SHA-256 against each configured digest with
 * timingSafeEqual, every entry compared whichever matches, so the time taken says nothing about the keys.
 */
export class ApiKeyAuthenticator {
  constructor(private readonly keys: readonly ApiKeyEntry[]) {}

  authenticate(presented: string): Principal {
    const digest = createHash('sha256').update(presented, 'utf8').digest();
    let match: ApiKeyEntry | undefined;
    for (const entry of this.keys) {
      if (timingSafeEqual(entry.digest, digest) && match === undefined) match = entry;
    }
    if (match === undefined) throw new CredentialRejection('the API key is not valid');
    return { subject: `apikey:${match.id}`, tenant: match.tenant, scopes: new Set(match.scopes) };
  }
}
