import { CliInputError, EXIT_BAD_INPUT, EXIT_RUN_FAILED, PROGRAM } from './cli-error';
import { processIo, type CliIo } from './cli-io';
import { runProgram } from './cli-program';
import { RemoteError } from './remote/remote-error';

export type { CliIo, OutputStream } from './cli-io';

/**
 * Entry point of `a2a-mcp` (see bin/a2a-mcp.js). Resolves with the exit code: 0 every task
 * completed, 1 the run did not fully complete, 2 bad input. Pass `io` to run it in-process.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await runProgram(argv, io);
  } catch (error) {
    if (error instanceof RemoteError) {
      // The server, not the input: exit 1 like any run that did not complete.
      io.stderr.write(`${PROGRAM}: ${error.message}\n`);
      return EXIT_RUN_FAILED;
    }
    if (!(error instanceof CliInputError)) throw error;
    // One line, always: scripts grep it and terminals should not scroll for a typo.
    io.stderr.write(`${PROGRAM}: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT_BAD_INPUT;
  }
}
