import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from './api-error';
import { clip } from './echo';

/** What body-parser attaches to its errors (http-errors), and what zlib adds to a decompression error. */
interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
  /** entity.too.large: the limit in bytes. */
  limit?: number;
  /** charset.unsupported: the charset the request named. */
  charset?: string;
  /** zlib: Z_DATA_ERROR, Z_BUF_ERROR, ERR__ERROR_FORMAT_PADDING_1 (brotli), ... */
  code?: string;
  errno?: number;
}

const CODES: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'INVALID_JSON'],
  'json.too.deep': [400, 'JSON_TOO_DEEP'],
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE'],
  'encoding.unsupported': [415, 'UNSUPPORTED_ENCODING'],
  'charset.unsupported': [415, 'UNSUPPORTED_ENCODING'],
  'request.aborted': [400, 'REQUEST_ABORTED'],
  'request.size.invalid': [400, 'INVALID_BODY'],
  'entity.verify.failed': [400, 'INVALID_BODY'],
  'stream.encoding.set': [500, 'INTERNAL_ERROR'],
};

/** Longest message this middleware sends: body-parser's messages echo headers (a charset, an encoding). */
const MAX_MESSAGE_LENGTH = 200;

/**
 * Express error middleware placed right after the JSON body parser: an unreadable body answers in the
 * API's error shape before any route runs. Malformed JSON → 400 INVALID_JSON, too deep → 400
 * JSON_TOO_DEEP, too large → 413 PAYLOAD_TOO_LARGE naming the limit, a Content-Encoding body that does
 * not decompress → 400 INVALID_BODY_ENCODING, an unknown encoding or charset → 415 UNSUPPORTED_ENCODING.
 */
export function bodyParserErrors(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const parserError = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
  const answer = responseFor(parserError, req);
  if (!answer) {
    next(error);
    return;
  }
  res.status(answer.statusCode).json(answer);
}

function responseFor(error: BodyParserError, req: Request): ApiErrorBody | undefined {
  const reason = clip(error.message ?? 'unreadable body', MAX_MESSAGE_LENGTH);
  const type = error.type;
  if (typeof type === 'string' && Object.hasOwn(CODES, type)) {
    const [statusCode, code] = CODES[type];
    return { statusCode, code, message: messageOf(code, reason, error) };
  }
  if (isDecompressionError(error)) {
    const encoding = clip(String(req.headers['content-encoding']), 40);
    return { statusCode: 400, code: 'INVALID_BODY_ENCODING', message: `the request body is not valid ${encoding} data: ${reason}` };
  }
  // Any other client error raised while reading the body is still the client's.
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return { statusCode: error.status, code: 'INVALID_BODY', message: reason };
  }
  return undefined;
}

function messageOf(code: string, reason: string, error: BodyParserError): string {
  if (code === 'INVALID_JSON') return `the request body is not valid JSON: ${reason}`;
  if (code === 'PAYLOAD_TOO_LARGE' && typeof error.limit === 'number') {
    return `the request body is larger than the limit of ${error.limit} bytes (MAX_BODY_BYTES)`;
  }
  if (error.type === 'charset.unsupported' && typeof error.charset === 'string') {
    return `unsupported charset ${JSON.stringify(clip(error.charset, 40))}: JSON bodies must be UTF-8`;
  }
  return reason;
}

/** zlib's errors (gzip, deflate, brotli) carry a negative errno and a Z_* or ERR_* code. */
function isDecompressionError(error: BodyParserError): boolean {
  return typeof error.errno === 'number' && typeof error.code === 'string' && /^(Z_|ERR_)/.test(error.code);
}
