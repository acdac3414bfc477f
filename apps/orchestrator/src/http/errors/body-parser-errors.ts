import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from './api-error';

/** What body-parser attaches to its errors (http-errors). */
interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

const CODES: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'INVALID_JSON'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING'],
  'charset.unsupported': [415, 'UNSUPPORTED_ENCODING'],
  'request.aborted': [400, 'REQUEST_ABORTED'],
  'request.size.invalid': [400, 'INVALID_BODY'],
  'stream.encoding.set': [500, 'INTERNAL_ERROR'],
};

/**
 * Express error middleware placed right after the JSON body parser: a malformed body is a
 * 400 INVALID_JSON (too large: 413 PAYLOAD_TOO_LARGE) in the API's error shape, before any route runs.
 */
export function bodyParserErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const parserError = error as BodyParserError | undefined;
  const type = parserError?.type;
  const known = typeof type === 'string' && Object.hasOwn(CODES, type) ? CODES[type] : undefined;
  if (!known) {
    next(error);
    return;
  }
  const [statusCode, code] = known;
  const reason = parserError?.message ?? 'unreadable body';
  const message = code === 'INVALID_JSON' ? `the request body is not valid JSON: ${reason}` : reason;
  const body: ApiErrorBody = { statusCode, code, message };
  res.status(statusCode).json(body);
}
