import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { AuthScope } from '@a2a-mcp/orchestration';
import { forbidden } from '../../auth/auth-errors';
import type { Caller } from '../../auth/caller';
import { hasScope } from '../../auth/principal';

/** Where the caller rides in the SDK's AuthInfo (`extra`), from the HTTP request to the tool's handler. */
const CALLER_KEY = 'a2a-mcp.caller';

/** The stdio server's one client is the local user: every run, no tenant, every tool. */
const LOCAL_CALLER: Caller = { limitKey: 'local' };

/** What /mcp hands the SDK for one request (as `req.auth`): the tools read the caller back with `toolCaller`. */
export function mcpAuthInfo(caller: Caller): AuthInfo {
  const principal = caller.principal;
  // No credential in it: the SDK may log or pass AuthInfo on, and the tools need only the caller.
  return { token: '', clientId: principal?.subject ?? 'anonymous', scopes: principal === undefined ? [] : [...principal.scopes], extra: { [CALLER_KEY]: caller } };
}

/**
 * The caller of a tool or resource call, checked for `scope`: its /mcp request's caller, or the local
 * user over stdio (`requireRequestCaller` false). Throws ApiException 403 FORBIDDEN naming the scope.
 */
export function toolCaller(extra: { authInfo?: AuthInfo }, scope: AuthScope, what: string, requireRequestCaller: boolean): Caller {
  const caller = extra.authInfo?.extra?.[CALLER_KEY] as Caller | undefined;
  if (caller === undefined) {
    // A server of an HTTP session always gets its caller: none means it did not come through /mcp.
    if (requireRequestCaller) throw forbidden(scope, what);
    return LOCAL_CALLER;
  }
  if (caller.principal !== undefined && !hasScope(caller.principal, scope)) throw forbidden(scope, what);
  return caller;
}
