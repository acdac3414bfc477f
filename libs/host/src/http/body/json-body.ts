import { json, type RequestHandler } from 'express';
import { jsonNestingDepth } from './json-depth';

/**
 * Deepest nesting of arrays and objects a JSON body may have. A plan uses 5 levels before a task's
 * input (body, plan, tasks, task, input); anything near this limit is an attack or a mistake, and
 * refusing it up front keeps every later walk of the body (ours, the libraries') off the stack limit.
 */
export const MAX_JSON_DEPTH = 64;

export interface JsonBodyOptions {
  /** Largest body in bytes, counted after decompression (MAX_BODY_BYTES). */
  limitBytes: number;
  maxDepth?: number;
}

/** An error with the `type` body-parser passes on, mapped to a response by body-parser-errors.ts. */
class BodyRejection extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly charset?: string,
  ) {
    super(message);
  }
}

/**
 * express.json with the API's limits: the size limit, UTF-8 only (RFC 8259; it also keeps the depth scan
 * exact), and the nesting depth checked on the raw bytes before JSON.parse builds anything.
 */
export function jsonBody(options: JsonBodyOptions): RequestHandler {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  return json({
    limit: options.limitBytes,
    strict: false,
    verify: (_req, _res, buffer, encoding) => {
      if (encoding !== 'utf-8') {
        throw new BodyRejection(415, 'charset.unsupported', 'unsupported charset', encoding);
      }
      if (jsonNestingDepth(buffer, maxDepth) > maxDepth) {
        throw new BodyRejection(400, 'json.too.deep', `the request body nests arrays and objects more than ${maxDepth} levels deep`);
      }
    },
  });
}
