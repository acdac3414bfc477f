import type { INestApplication, LogLevel, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import {
  ORCHESTRATOR_CONFIG,
  OrchestratorConfigError,
  unauthenticatedBindIssue,
  validateOrchestratorEnv,
  type OrchestratorConfig,
} from '@a2a-mcp/orchestration';
import { A2A_JSON_RPC_PATH } from './a2a/a2a-paths';
import { jsonRpcBodyGuards } from './a2a/json-rpc-body-errors';
import { AppModule, type AppModuleOptions } from './app.module';
import { jsonBody } from './http/body/json-body';
import { ApiExceptionFilter } from './http/errors/api-exception.filter';
import { bodyParserErrors } from './http/errors/body-parser-errors';
import { applyHttpSecurity } from './http/security/http-security';
import { ApiValidationPipe } from './http/validation/api-validation.pipe';
import { requireJsonObjectBody } from './http/validation/json-object-body';
import { HostLogger } from './logging/host-logger';
import { requestLogger } from './logging/request-logger';
import { serveWebConsole } from './http/web/web-console';
import { setupSwagger } from './swagger';
import { traceContextMiddleware } from './tracing/trace-context.middleware';

export interface CreateAppOptions extends AppModuleOptions {
  /** A built web console (apps/web/dist) to serve at `/`; none when absent or without an index.html. */
  webRoot?: string;
  /** Nest's logger; default a HostLogger for LOG_LEVEL and LOG_FORMAT (quiet start-up below debug); tests pass false. */
  logger?: LoggerService | LogLevel[] | false;
}

export interface StartAppOptions extends CreateAppOptions {
  /** Default PORT from the configuration (3000); 0 picks a free port. */
  port?: number;
  /**
   * The interface to listen on; default HOST from the configuration (127.0.0.1). An address other
   * machines reach is refused with AUTH_MODE=none unless ALLOW_UNAUTHENTICATED=true (INVALID_CONFIG).
   */
  host?: string;
}

/**
 * The configured application, not yet listening: helmet's security headers and CORS (CORS_ORIGINS) on
 * every response, JSON bodies up to MAX_BODY_BYTES and MAX_JSON_DEPTH deep (unreadable ones answer
 * 400/413/415 in the API's error shape), bodies checked as envelopes (the planner validates plans and
 * nodes), query strings by Nest's ValidationPipe, the error filter, Swagger at /docs, shutdown hooks.
 * Callers are authenticated by the global AuthGuard (AUTH_MODE, see auth/). Rejects with
 * OrchestratorConfigError when the environment is invalid.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  // Checked before Nest starts, so a bad variable is one clear error rather than a logged stack trace.
  const { logLevel, logFormat } = validateOrchestratorEnv({ ...process.env, ...options.env });
  const app = await NestFactory.create(AppModule.register(options), {
    bodyParser: false,
    abortOnError: false,
    forceCloseConnections: true,
    logger: options.logger ?? new HostLogger(logLevel, { format: logFormat }),
  });
  // API responses change with every event: an ETag (a hash of each body) would cost without helping.
  const express = app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): void };
  express.set('etag', false);
  express.set('x-powered-by', false);
  const config = app.get<OrchestratorConfig>(ORCHESTRATOR_CONFIG);
  // First, so requests the body checks refuse are logged too.
  app.use(requestLogger());
  applyHttpSecurity(app, config.security.cors);
  // Before the body parser and the API: a GET of the page or an asset never reaches them.
  serveWebConsole(app, options.webRoot);
  app.use(jsonBody({ limitBytes: config.maxBodyBytes }));
  // The A2A endpoint answers an unreadable or non-object body as JSON-RPC does.
  app.use(A2A_JSON_RPC_PATH, ...jsonRpcBodyGuards);
  app.use(bodyParserErrors);
  app.use(requireJsonObjectBody);
  // After the body parser (see the middleware): a request carrying `traceparent` runs in its caller's trace.
  app.use(traceContextMiddleware);
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.enableShutdownHooks();
  setupSwagger(app);
  return app;
}

export interface StartedApp {
  app: INestApplication;
  /** http://host:port of the listening server. */
  url: string;
  port: number;
}

/**
 * Creates the app and listens: on `host` (default HOST, 127.0.0.1) and `port` (default PORT from the
 * configuration; 0 picks a free one).
 */
export async function startApp(options: StartAppOptions = {}): Promise<StartedApp> {
  const app = await createApp(options);
  try {
    const config = app.get<OrchestratorConfig>(ORCHESTRATOR_CONFIG);
    const host = options.host ?? config.security.host;
    // HOST was checked with the environment; a `host` option is checked here the same way.
    const refusal = unauthenticatedBindIssue(host, config.security);
    if (refusal !== undefined) throw new OrchestratorConfigError([refusal]);
    await app.listen(options.port ?? config.port, host);
    keepConnectionsAlive(app.getHttpServer() as Server);
    const address = app.getHttpServer().address() as { port: number } | string | null;
    const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? config.port);
    return { app, port, url: `http://${urlHostOf(host)}:${port}` };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/**
 * Node closes an idle keep-alive connection after 5 s; a client that reuses it at that moment (or one
 * whose next request waited behind a busy event loop) gets ECONNRESET. Longer than the 60 s idle
 * timeout of common load balancers, so the proxy, not the host, closes first.
 */
function keepConnectionsAlive(server: Server): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

/** The host as a URL writes it: an unspecified address is reached on this machine as localhost, IPv6 goes in brackets. */
function urlHostOf(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
