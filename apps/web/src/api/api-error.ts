/** One line naming what went wrong with a call: the API's `CODE: message`, else the HTTP status or the network failure. */
export function describeApiError(error: unknown, response?: Response): string {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    const { code, message } = error as { code: unknown; message: unknown };
    if (typeof code === 'string' && typeof message === 'string') return `${code}: ${message}`;
  }
  if (error instanceof Error) return `The host did not answer: ${error.message}`;
  if (response !== undefined) return `HTTP ${response.status} ${response.statusText}`.trim();
  return String(error);
}
