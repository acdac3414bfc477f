import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { OrchestrationError } from '@a2a-mcp/orchestration';
import { ApiException } from './api-error';
import { toApiError } from './error-mapping';

/** The one place errors become responses: `{statusCode, code, message, details?}` (see error-mapping.ts). */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Api');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toApiError(exception);
    if (body.code === 'INTERNAL_ERROR') {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) {
      // An event stream already under way: nothing to answer with but the end of the stream.
      response.end();
      return;
    }
    if (exception instanceof OrchestrationError && exception.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (exception instanceof ApiException) for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    response.status(body.statusCode).json(body);
  }
}
