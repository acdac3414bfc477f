import type { ApiClient } from '@a2a-mcp/api-client';

type Middleware = Parameters<ApiClient['use']>[0];

export interface AuthWatchEvents {
  /** 401 UNAUTHENTICATED: no key, or the key was refused. */
  unauthenticated(): void;
  /** 403 FORBIDDEN on a write: the key may read but not start or change runs. */
  forbiddenWrite(): void;
}

/** Checking a plan is a read (runs:read) although it is a POST. */
const READS_BY_POST = new Set(['/v1/plans/validate']);

export function isWriteRequest(request: Request): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  return !READS_BY_POST.has(new URL(request.url).pathname);
}

/** Watches every answer of the client, so no page has to handle 401 and 403 on its own. */
export function authWatch(events: AuthWatchEvents): Middleware {
  return {
    onResponse({ request, response }) {
      if (response.status === 401) events.unauthenticated();
      else if (response.status === 403 && isWriteRequest(request)) events.forbiddenWrite();
      return undefined;
    },
  };
}
