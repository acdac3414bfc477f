/** The orchestrator could not be reached or answered in a way the CLI cannot use (exit 1). */
export class RemoteError extends Error {
  constructor(
    readonly code: 'UNREACHABLE' | 'CONNECTION_LOST' | 'BAD_RESPONSE' | 'SERVER_ERROR',
    message: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}
