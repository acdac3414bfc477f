import { applyDecorators } from '@nestjs/common';
import { ApiResponse, type ApiResponseOptions } from '@nestjs/swagger';
import { errorResponseObject, type ErrorCodes } from './error-response';

/**
 * The error responses an operation can give, per HTTP status: each code with when it happens. The
 * document shows them as the `{statusCode, code, message, details}` schema with one example per code
 * (`x-error-codes` keeps the list for tools); the contract tests refuse a code a response does not list.
 */
export function ApiErrors(byStatus: Readonly<Record<number, ErrorCodes>>): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(byStatus).map(([status, codes]) => ApiResponse({ status: Number(status), ...errorResponseObject(Number(status), codes) } as ApiResponseOptions)),
  );
}
