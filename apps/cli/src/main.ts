import { parseCliArgs } from './args';
import { CliInputError, EXIT_BAD_INPUT, EXIT_OK, EXIT_RUN_FAILED, PROGRAM } from './cli-error';
import { processIo, type CliIo } from './cli-io';
import { planCommand } from './commands/plan.command';
import { runCommand } from './commands/run.command';
import { watchCommand } from './commands/watch.command';
import { RemoteError } from './remote/remote-error';
import { validateCommand } from './commands/validate.command';
import { USAGE } from './usage';

export type { CliIo, OutputStream } from './cli-io';

/**
 * Entry point of `a2a-mcp` (see bin/a2a-mcp.js). Resolves with the exit code: 0 every task
 * completed, 1 the run did not fully complete, 2 bad input. Pass `io` to run it in-process.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    switch (args.command) {
      case 'help':
        io.stdout.write(USAGE);
        return EXIT_OK;
      case 'run':
        return await runCommand(args, io);
      case 'plan':
        return await planCommand(args, io);
      case 'watch':
        return await watchCommand(args, io);
      case 'validate':
        return validateCommand(args, io);
    }
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
