/** Error code → when it is given (a sentence for the document and its example's message). */
export type ErrorCodes = Readonly<Record<string, string>>;

export const ERROR_SCHEMA_NAME = 'ApiErrorDto';
export const ERROR_CODES_EXTENSION = 'x-error-codes';

export interface ErrorResponseObject {
  description: string;
  content: { 'application/json': { schema: { $ref: string }; examples: Record<string, { summary: string; value: { statusCode: number; code: string; message: string } }> } };
  [ERROR_CODES_EXTENSION]: ErrorCodes;
}

/** An error response as the document shows it: the codes listed, the error schema, one example per code. */
export function errorResponseObject(status: number, codes: ErrorCodes): ErrorResponseObject {
  const examples = Object.fromEntries(
    Object.entries(codes).map(([code, when]) => [code, { summary: when, value: { statusCode: status, code, message: when } }]),
  );
  return {
    description: Object.entries(codes)
      .map(([code, when]) => `\`${code}\`: ${when}`)
      .join('\n\n'),
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` }, examples } },
    [ERROR_CODES_EXTENSION]: codes,
  };
}

/** The codes a response already lists (from ApiErrors), to merge the ones every operation shares. */
export function errorCodesOf(response: unknown): ErrorCodes {
  const codes = (response as { [ERROR_CODES_EXTENSION]?: unknown } | undefined)?.[ERROR_CODES_EXTENSION];
  return typeof codes === 'object' && codes !== null ? (codes as ErrorCodes) : {};
}
