import type { ServerCallContext, User } from '@a2a-js/sdk/server';
import { UnauthenticatedUser } from '@a2a-js/sdk/server';
import type { Request } from 'express';
import { principalOf } from '../auth/caller';
import { runOwnerOf, tenantScopeOf, type Principal } from '../auth/principal';

/** The SDK's user for a request the host authenticated: the principal rides along to the handler and the task store. */
export class PrincipalUser implements User {
  constructor(readonly principal: Principal) {}

  get isAuthenticated(): boolean {
    return true;
  }

  get userName(): string {
    return this.principal.subject;
  }
}

/** The SDK's UserBuilder over the principal the /a2a access check attached (UnauthenticatedUser with AUTH_MODE=none). */
export async function a2aUserOf(req: Request): Promise<User> {
  const principal = principalOf(req);
  return principal === undefined ? new UnauthenticatedUser() : new PrincipalUser(principal);
}

function principalOfCall(context: ServerCallContext | undefined): Principal | undefined {
  const user = context?.user;
  return user instanceof PrincipalUser ? user.principal : undefined;
}

/** The tenant a call's task operations are confined to (undefined: every run; see tenantScopeOf). */
export function tenantOfCall(context: ServerCallContext | undefined): string | undefined {
  return tenantScopeOf(principalOfCall(context));
}

/** The tenant a run started by the call belongs to. */
export function runOwnerOfCall(context: ServerCallContext | undefined): string | undefined {
  return runOwnerOf(principalOfCall(context));
}
