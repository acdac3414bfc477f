import { ALL_TENANTS, type AuthScope } from '@a2a-mcp/orchestration';

/** An authenticated caller: who it is, the tenant its runs belong to, and what it may do. */
export interface Principal {
  /** Names the caller in logs: `apikey:<digest prefix>` or `jwt:<sub>`; never a secret. */
  subject: string;
  tenant: string;
  scopes: ReadonlySet<AuthScope>;
}

/** `admin` holds every scope. */
export function hasScope(principal: Principal, scope: AuthScope): boolean {
  return principal.scopes.has(scope) || principal.scopes.has('admin');
}

/**
 * The tenant a caller's reads and commands are confined to: undefined (every run) without
 * authentication and for the tenant `*`; its own tenant otherwise, whatever its scopes (admin too).
 */
export function tenantScopeOf(principal: Principal | undefined): string | undefined {
  if (principal === undefined || principal.tenant === ALL_TENANTS) return undefined;
  return principal.tenant;
}

/** The tenant a run the caller starts belongs to (undefined without authentication). */
export function runOwnerOf(principal: Principal | undefined): string | undefined {
  return principal?.tenant;
}
