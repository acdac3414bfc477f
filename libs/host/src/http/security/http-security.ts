import type { INestApplication } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { CorsOrigins } from '@a2a-mcp/orchestration';
import { DOCS_PATH } from '../../swagger';
import { isWebConsolePath, webConsoleHeaders } from '../web/web-console';

/**
 * helmet's headers on every response. The API answers JSON and event streams, never pages: its CSP
 * allows nothing (`default-src 'none'`) and no framing. The Swagger UI under /docs is a page: it gets
 * helmet's default CSP (its own scripts, inline styles, data: images), without `upgrade-insecure-requests`,
 * which would make a browser fetch the UI's scripts over https from a host served over plain http.
 */
export function securityHeaders(): RequestHandler {
  const api = helmet({ contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } });
  const docs = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  const webConsole = webConsoleHeaders();
  const docsPrefix = `/${DOCS_PATH}`;
  return (req, res, next) => {
    if (isWebConsolePath(req.path)) return webConsole(req, res, next);
    return (req.path === docsPrefix || req.path.startsWith(`${docsPrefix}/`) || req.path.startsWith(`${docsPrefix}-`) ? docs : api)(req, res, next);
  };
}

/** Headers a browser client reads from a cross-origin answer. */
const EXPOSED_HEADERS = ['Location', 'X-Run-Id', 'Retry-After', 'WWW-Authenticate', 'Mcp-Session-Id'];

/**
 * CORS_ORIGINS: off by default (browsers on other origins cannot call the API); `*` or a list of
 * origins enables it. Credentials are headers (Authorization, X-API-Key), never cookies, so no
 * `Access-Control-Allow-Credentials`.
 */
export function corsOptionsFor(origins: CorsOrigins): CorsOptions | undefined {
  if (origins.kind === 'off') return undefined;
  return {
    origin: origins.kind === 'any' ? '*' : [...origins.origins],
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  };
}

/** Security headers, then CORS when configured: before the body parser, so refusals carry them too. */
export function applyHttpSecurity(app: INestApplication, cors: CorsOrigins): void {
  app.use(securityHeaders());
  const options = corsOptionsFor(cors);
  if (options !== undefined) app.enableCors(options);
}
