import { CliInputError, EXIT_OK } from '../cli-error';
import type { CliIo } from '../cli-io';

/** Errors of the host's start-up that are the user's to fix: a bad variable, an unreadable `.env`. */
const INPUT_ERROR_CODES = new Set(['INVALID_CONFIG', 'INVALID_ENV_FILE']);

/**
 * `a2a-mcp mcp`: the orchestrator as an MCP server over stdio, for MCP clients (Claude Desktop, IDEs)
 * that start their servers as child processes. The host runs in process, without an HTTP listener, with
 * the host's environment (`.env`, PLANNER, ...); stdout carries only MCP messages, logs go to stderr.
 * Returns once the client closes our input, or on SIGTERM / Ctrl-C.
 */
export async function mcpCommand(io: CliIo): Promise<number> {
  // Loaded here only: Nest and the MCP SDK cost start-up time the other commands should not pay.
  const { serveMcpOverStdio } = await import('@a2a-mcp/host');
  let server: Awaited<ReturnType<typeof serveMcpOverStdio>>;
  try {
    server = await serveMcpOverStdio({ env: io.env });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && INPUT_ERROR_CODES.has(code)) throw new CliInputError(`[${code}] ${(error as Error).message}`);
    throw error;
  }
  const stop = (): void => void server.close();
  process.once('SIGTERM', stop);
  const stopListening = io.onInterrupt?.(stop);
  try {
    await server.closed;
  } finally {
    process.removeListener('SIGTERM', stop);
    stopListening?.();
  }
  return EXIT_OK;
}
