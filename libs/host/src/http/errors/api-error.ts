import { HttpException } from '@nestjs/common';

/** Every error response of the API. `code` is stable: clients branch on it. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** An HTTP error with a stable code, thrown by the API layer itself (validation, bad headers). */
export class ApiException extends HttpException {
  /** Sent with the error: `WWW-Authenticate` with a 401, `Retry-After` with a 429. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, code: string, message: string, details?: unknown, headers: Record<string, string> = {}) {
    const body: ApiErrorBody = details === undefined ? { statusCode, code, message } : { statusCode, code, message, details };
    super(body, statusCode);
    this.headers = headers;
  }

  get body(): ApiErrorBody {
    return this.getResponse() as ApiErrorBody;
  }
}
