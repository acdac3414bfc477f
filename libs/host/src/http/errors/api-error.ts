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
  constructor(statusCode: number, code: string, message: string, details?: unknown) {
    const body: ApiErrorBody = details === undefined ? { statusCode, code, message } : { statusCode, code, message, details };
    super(body, statusCode);
  }

  get body(): ApiErrorBody {
    return this.getResponse() as ApiErrorBody;
  }
}
