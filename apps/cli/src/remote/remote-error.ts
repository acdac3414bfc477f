import { terminalSafe } from '../terminal-safe';

/**
 * The orchestrator could not be reached or answered in a way the CLI cannot use (exit 1). The message
 * goes to the terminal and may quote the server: it is made terminal-safe here.
 */
export class RemoteError extends Error {
  constructor(
    readonly code: 'UNREACHABLE' | 'CONNECTION_LOST' | 'BAD_RESPONSE' | 'SERVER_ERROR',
    message: string,
  ) {
    super(terminalSafe(message));
    this.name = 'RemoteError';
  }
}
