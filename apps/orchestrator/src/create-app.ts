import { ValidationPipe, type INestApplication, type LogLevel, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { json } from 'express';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '@a2a-mcp/orchestration';
import { AppModule, type AppModuleOptions } from './app.module';
import { ApiExceptionFilter } from './http/errors/api-exception.filter';
import { bodyParserErrors } from './http/errors/body-parser-errors';
import { requireJsonObjectBody } from './http/errors/json-object-body';
import { validationException } from './http/errors/validation-details';
import { setupSwagger } from './swagger';

/** Large enough for a 10 000-task plan. */
export const BODY_LIMIT = '20mb';

export interface CreateAppOptions extends AppModuleOptions {
  /** Nest's logger; tests pass false. */
  logger?: LoggerService | LogLevel[] | false;
}

/**
 * The configured application, not yet listening: global validation (whitelist, forbidNonWhitelisted,
 * transform), the error filter, JSON bodies with INVALID_JSON errors, Swagger at /docs, shutdown hooks.
 * Rejects with OrchestratorConfigError when the environment is invalid.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(options), {
    bodyParser: false,
    abortOnError: false,
    forceCloseConnections: true,
    logger: options.logger,
  });
  // API responses change with every event: an ETag (a hash of each body) would cost without helping.
  const express = app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): void };
  express.set('etag', false);
  express.set('x-powered-by', false);
  app.use(json({ limit: BODY_LIMIT, strict: false }));
  app.use(bodyParserErrors);
  app.use(requireJsonObjectBody);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationException,
    }),
  );
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

/** Creates the app and listens: on `port` (default PORT from the configuration; 0 picks a free one). */
export async function startApp(options: CreateAppOptions & { port?: number; host?: string } = {}): Promise<StartedApp> {
  const app = await createApp(options);
  try {
    const config = app.get<OrchestratorConfig>(ORCHESTRATOR_CONFIG);
    const host = options.host;
    await (host === undefined ? app.listen(options.port ?? config.port) : app.listen(options.port ?? config.port, host));
    const address = app.getHttpServer().address() as { port: number } | string | null;
    const port = typeof address === 'object' && address !== null ? address.port : (options.port ?? config.port);
    return { app, port, url: `http://${host ?? 'localhost'}:${port}` };
  } catch (error) {
    await app.close();
    throw error;
  }
}
