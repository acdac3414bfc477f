import type { OpenAPIObject } from '@nestjs/swagger';
import type { AccessRule } from '../auth/access.decorator';
import { ERROR_CODES_EXTENSION, errorCodesOf, errorResponseObject, type ErrorCodes } from './error-response';
import { eventSchemaComponents } from './event-schemas';
import { ACCESS_EXTENSION, SECURITY_SCHEMES, securityOf } from './operation-access';
import { protocolPaths } from './protocol-paths';
import { AUTH_ERRORS, BODY_ERRORS, PATH_ERRORS, SERVER_ERRORS } from './shared-errors';
import { toOpenApi31 } from './openapi-31';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Json = Record<string, unknown>;

/** An operation of the document as the completion reads it. */
interface Operation extends Json {
  responses?: Record<string, Json>;
  requestBody?: unknown;
  security?: Record<string, string[]>[];
  [ACCESS_EXTENSION]?: AccessRule[];
}

/** Thrown when a route documents an error response without its codes: the document would lie. */
export class OpenApiDocumentError extends Error {
  readonly code = 'OPENAPI_INCOMPLETE';
}

/**
 * Turns what Nest derives from the controllers into the published contract: OpenAPI 3.1, the security
 * schemes and each operation's requirement (from its access rule; a route with none needs `admin`),
 * the error responses every operation shares (credentials, an unreadable body, an internal error)
 * merged into its own, the event stream's schemas, and the A2A endpoints Nest does not route.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const doc = structuredClone(document) as unknown as Json & { paths: Record<string, Record<string, Operation>>; components: Json };
  doc.openapi = '3.1.0';
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation !== undefined) completeOperation(`${method.toUpperCase()} ${path}`, operation);
    }
  }
  // Written whole, with their own refusals (JSON-RPC errors): not completed like Nest's routes.
  Object.assign(doc.paths, protocolPaths());
  const schemas = (doc.components.schemas ?? {}) as Json;
  doc.components = { ...doc.components, schemas: { ...schemas, ...eventSchemaComponents() }, securitySchemes: SECURITY_SCHEMES };
  return toOpenApi31(doc) as unknown as OpenAPIObject;
}

function completeOperation(name: string, operation: Operation): void {
  const rules = operation[ACCESS_EXTENSION] ?? ['admin'];
  delete operation[ACCESS_EXTENSION];
  operation.security = securityOf(rules);
  const shared: Record<number, ErrorCodes>[] = [SERVER_ERRORS];
  if (operation.security.length > 0) shared.push(AUTH_ERRORS);
  if (operation.requestBody !== undefined) shared.push(BODY_ERRORS);
  if (((operation.parameters ?? []) as { in?: string }[]).some((parameter) => parameter.in === 'path')) shared.push(PATH_ERRORS);

  const responses = (operation.responses ??= {});
  const codesByStatus = new Map<string, ErrorCodes>();
  for (const [status, response] of Object.entries(responses)) {
    if (Number(status) < 400) continue;
    if (response[ERROR_CODES_EXTENSION] === undefined) {
      throw new OpenApiDocumentError(`${name} documents a ${status} response without its error codes: declare it with @ApiErrors`);
    }
    codesByStatus.set(status, errorCodesOf(response));
  }
  for (const byStatus of shared) {
    for (const [status, codes] of Object.entries(byStatus)) codesByStatus.set(status, { ...codesByStatus.get(status), ...codes, ...errorCodesOf(responses[status]) });
  }
  // Rebuilt from the codes alone: a decorator that documented the same status (terminus's 503) leaves nothing behind.
  for (const [status, codes] of codesByStatus) responses[status] = errorResponseObject(Number(status), codes) as unknown as Json;
  operation.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}
