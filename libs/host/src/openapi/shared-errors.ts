import type { ErrorCodes } from './error-response';

/** What any request with a JSON body may meet before its route runs (the body parser and its guards). */
export const BODY_ERRORS: Readonly<Record<number, ErrorCodes>> = {
  400: {
    VALIDATION_FAILED: 'a field of the body is missing, unknown or wrong; `details` names each one as {path, reason}',
    INVALID_JSON: 'the body is not valid JSON',
    JSON_TOO_DEEP: 'the body nests deeper than the host reads',
    INVALID_BODY: 'the body could not be read (a bad Content-Length, a failed check)',
    INVALID_BODY_ENCODING: 'a compressed body (Content-Encoding) that does not decompress',
    REQUEST_ABORTED: 'the client stopped sending the body',
  },
  413: { PAYLOAD_TOO_LARGE: 'the body is larger than MAX_BODY_BYTES' },
  415: { UNSUPPORTED_ENCODING: 'a Content-Encoding or charset the host does not read' },
};

/** Credentials, when AUTH_MODE is apikey or jwt. */
export const AUTH_ERRORS: Readonly<Record<number, ErrorCodes>> = {
  401: { UNAUTHENTICATED: 'no credentials, or credentials the host refuses (AUTH_MODE apikey or jwt); WWW-Authenticate says which' },
  403: { FORBIDDEN: 'the credentials lack the scope this operation needs (`details.scope`)' },
};

/** Any operation. */
export const SERVER_ERRORS: Readonly<Record<number, ErrorCodes>> = {
  500: { INTERNAL_ERROR: 'an unexpected failure on the host; the message never carries a stack trace or a path' },
};

/** Any operation with a path parameter: the router cannot decode a malformed percent-encoding (`%ZZ`). */
export const PATH_ERRORS: Readonly<Record<number, ErrorCodes>> = {
  400: { BAD_REQUEST: 'a path parameter is not valid percent-encoding' },
};
