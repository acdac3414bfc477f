import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthScope } from '@a2a-mcp/orchestration';
import { forbidden } from '../auth/auth-errors';
import type { Authenticator } from '../auth/authenticator.service';
import { attachPrincipal, callerOf } from '../auth/caller';
import { hasScope } from '../auth/principal';
import { ApiException } from '../http/errors/api-error';
import { rateLimited, type RunStartLimiter } from '../limits/run-start-limiter';

/** The scope each JSON-RPC method needs (v1.0 names and their v0.3 aliases); other methods need only credentials. */
const METHOD_SCOPES: Readonly<Record<string, AuthScope>> = {
  SendMessage: 'runs:write',
  'message/send': 'runs:write',
  SendStreamingMessage: 'runs:write',
  'message/stream': 'runs:write',
  CancelTask: 'runs:write',
  'tasks/cancel': 'runs:write',
  GetTask: 'runs:read',
  'tasks/get': 'runs:read',
  ListTasks: 'runs:read',
  'tasks/list': 'runs:read',
  SubscribeToTask: 'runs:read',
  'tasks/resubscribe': 'runs:read',
};

/** A JSON-RPC server error (implementation-defined range): the API's `code` (UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, ...) is in `data`. */
const ACCESS_ERROR_CODE = -32000;

interface JsonRpcRequestBody {
  id?: unknown;
  method?: unknown;
  params?: { message?: { taskId?: unknown } };
}

/**
 * Access to /a2a, before the SDK's JSON-RPC handler: the caller is authenticated (AUTH_MODE), the
 * method's scope checked, and a message that starts a run (no taskId) counted against
 * RATE_LIMIT_RUNS_PER_MINUTE. A refusal answers with the HTTP status (401 with WWW-Authenticate,
 * 403, 429 with Retry-After) and a JSON-RPC error body naming the code.
 */
export function a2aAccess(authenticator: Authenticator, limiter: RunStartLimiter): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as JsonRpcRequestBody;
    check(req, body, authenticator, limiter).then(
      () => next(),
      (error: unknown) => {
        if (!(error instanceof ApiException)) {
          next(error);
          return;
        }
        const { statusCode, code, message } = error.body;
        for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
        const id = typeof body.id === 'string' || typeof body.id === 'number' ? body.id : null;
        res.status(statusCode).json({ jsonrpc: '2.0', id, error: { code: ACCESS_ERROR_CODE, message: `${code}: ${message}`, data: { code } } });
      },
    );
  };
}

async function check(req: Request, body: JsonRpcRequestBody, authenticator: Authenticator, limiter: RunStartLimiter): Promise<void> {
  const principal = await authenticator.authenticate(req.headers);
  if (principal !== undefined) {
    attachPrincipal(req, principal);
    const method = typeof body.method === 'string' ? body.method : '';
    const scope = Object.hasOwn(METHOD_SCOPES, method) ? METHOD_SCOPES[method] : undefined;
    if (scope !== undefined && !hasScope(principal, scope)) throw forbidden(scope, `the A2A method ${method}`);
  }
  if (startsRun(body)) {
    const refusal = await limiter.take(callerOf(req).limitKey);
    if (refusal !== undefined) throw rateLimited(refusal);
  }
}

/** A send without a task id starts a run (with one, it answers a paused task). */
function startsRun(body: JsonRpcRequestBody): boolean {
  const sends = body.method === 'SendMessage' || body.method === 'message/send' || body.method === 'SendStreamingMessage' || body.method === 'message/stream';
  const taskId = body.params?.message?.taskId;
  return sends && (typeof taskId !== 'string' || taskId === '');
}
