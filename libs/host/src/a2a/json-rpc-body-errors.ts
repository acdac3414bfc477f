import { A2A_ERROR_CODE } from '@a2a-js/sdk/errors';
import type { ErrorRequestHandler, RequestHandler } from 'express';

/** What body-parser attaches to its errors (see http/errors/body-parser-errors.ts). */
interface BodyParserError {
  type?: string;
  message?: string;
}

/** Longest parser message echoed back. */
const MAX_REASON_LENGTH = 200;

/**
 * Malformed JSON on the JSON-RPC path answers as JSON-RPC says (a Parse error, -32700, id null),
 * not in the REST API's error shape; JSON nested too deep is an Invalid Request (-32600). Other body
 * errors (too large, unknown encoding) go on to the API's handler, which answers 413/415.
 */
export const jsonRpcParseErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const { type, message } = (typeof error === 'object' && error !== null ? error : {}) as BodyParserError;
  const reason = (message ?? 'unreadable body').slice(0, MAX_REASON_LENGTH);
  if (type === 'entity.parse.failed') {
    res.status(200).json({ jsonrpc: '2.0', id: null, error: { code: A2A_ERROR_CODE.PARSE_ERROR, message: `Parse error: the request body is not valid JSON: ${reason}` } });
    return;
  }
  if (type === 'json.too.deep') {
    res.status(200).json({ jsonrpc: '2.0', id: null, error: { code: A2A_ERROR_CODE.INVALID_REQUEST, message: `Invalid Request: ${reason}` } });
    return;
  }
  next(error);
};

/** A JSON body that is not an object (an array: JSON-RPC batches are not served; a bare value) is an Invalid Request. */
export const jsonRpcRequestObject: RequestHandler = (req, res, next) => {
  const body: unknown = req.body;
  if (body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body))) {
    next();
    return;
  }
  const kind = body === null ? 'null' : Array.isArray(body) ? 'an array (batches are not supported)' : `a ${typeof body}`;
  res.status(200).json({
    jsonrpc: '2.0',
    id: null,
    error: { code: A2A_ERROR_CODE.INVALID_REQUEST, message: `Invalid Request: the body must be one JSON-RPC request object, got ${kind}` },
  });
};

/** For `app.use(A2A_JSON_RPC_PATH, ...jsonRpcBodyGuards)` right after the JSON body parser. */
export const jsonRpcBodyGuards = [jsonRpcParseErrors, jsonRpcRequestObject];
