import { Command, CommanderError, Option } from 'commander';
import { closestName } from '@a2a-mcp/planner';
import { PLANNER_CHOICES, QUALITY_POLICY_CHOICES, STRATEGY_CHOICES, type PlanSource, type RunArgs } from './cli-args';
import { CliInputError, EXIT_OK, PROGRAM, USAGE_HINT } from './cli-error';
import { widthOf, type CliIo } from './cli-io';
import { agentsCommand } from './commands/agents.command';
import { mcpCommand } from './commands/mcp.command';
import { planCommand } from './commands/plan.command';
import { runCommand } from './commands/run.command';
import { runsCancelCommand, runsGetCommand, runsListCommand } from './commands/runs.command';
import { validateCommand } from './commands/validate.command';
import { watchCommand } from './commands/watch.command';
import { HELP_FOOTER, RUN_HELP_FOOTER } from './help-text';
import { MAX_RUNS_PAGE } from './remote/orchestrator-client';
import {
  API_KEY_ENV,
  SERVER_ENV,
  apiKeyOf,
  choiceFlag,
  nonEmpty,
  positiveIntegerFlag,
  requestText,
  requiredServer,
  rulesFlag,
  serverUrl,
} from './option-values';
import { cliVersion } from './version';

/** Help is laid out for this width when stdout is not a terminal (pipes, files, tests). */
const HELP_WIDTH = 100;

const SERVER_HELP = `orchestrator base URL (default: $${SERVER_ENV})`;
const API_KEY_HELP = `API key for an orchestrator that requires one (default: $${API_KEY_ENV}, which keeps it out of the process list)`;
const JSON_HELP = 'print JSON instead of a table (default: table)';

/** Each command's action reports its exit code here. */
type Done = (code: number) => void;

/**
 * Parses `argv` with commander and runs the command it names; resolves with the exit code. Parse
 * errors become CliInputError (exit 2, one line); help and --version print to stdout and exit 0.
 */
export async function runProgram(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) throw new CliInputError(`missing command. ${USAGE_HINT}`);
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => (exitCode = code));
  rejectUnknownCommand(program, argv[0]);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return EXIT_OK; // help or --version, already printed
    const message = commanderMessage(error);
    throw new CliInputError(`${message}${message.endsWith('?') ? '' : '.'} ${USAGE_HINT}`);
  }
  return exitCode;
}

function buildProgram(io: CliIo, done: Done): Command {
  const program = new Command(PROGRAM)
    .description('Plan and run A2A agent workflows on the embedded engine, or on an orchestrator with --server.')
    .version(cliVersion(), '-V, --version', 'print the CLI version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', "show a command's help")
    .addHelpText('after', HELP_FOOTER);
  configure(program, io);

  withRunOptions(
    program
      .command('run')
      .summary('run a plan (file or request) and print its result')
      .description('Run a plan on the embedded engine with the demo agents, or submit it to an orchestrator with --server and follow it live.')
      .usage('<plan.json> [options]\n       a2a-mcp run --request "<text>" [options]')
      .argument('[plan.json]', 'the plan file (JSON); or give --request'),
  )
    .addHelpText('after', RUN_HELP_FOOTER)
    .action(async (_plan: unknown, options: Record<string, string | boolean | undefined>, command: Command) => {
      done(await runCommand(runArgsOf(options, command.args, io), io));
    });

  program
    .command('plan')
    .summary('show the plan the planner makes for a request, without running it')
    .description('Plan a request over the demo agents and print the plan (the words may be unquoted).')
    .argument('<request...>', 'what should be done, e.g. "charge the card, then email the customer"')
    .addOption(new Option('--planner <name>', 'planner: deterministic or llm (llm needs PLANNER_LLM_URL, PLANNER_LLM_MODEL) (default: deterministic)'))
    .addOption(new Option('--rules <file>', 'custom dependency rules, JSON (default: $CUSTOM_DEPENDENCIES_FILE)'))
    .option('--json', 'print the plan as JSON (default: a report)')
    .action(async (words: string[], options: Record<string, string | boolean | undefined>) => {
      done(
        await planCommand(
          {
            request: requestText(words.join(' ')),
            planner: choiceFlag('--planner', PLANNER_CHOICES, stringOption(options.planner)) ?? 'deterministic',
            rules: rulesFlag(stringOption(options.rules)),
            json: options.json === true,
          },
          io,
        ),
      );
    });

  program
    .command('validate')
    .summary('check a plan file without running it')
    .description('Check a plan against the demo agents and print its levels, critical path and estimates.')
    .argument('<plan.json>', 'the plan file (JSON)')
    .option('--json', 'print every issue (or the analysis) as JSON (default: one line)')
    .action((planPath: string, options: Record<string, boolean | undefined>) => {
      done(validateCommand({ planPath, json: options.json === true }, io));
    });

  program
    .command('watch')
    .summary('follow a run on an orchestrator until it ends')
    .description('Follow a run on the orchestrator from its first event (resuming after drops) and print its result.')
    .argument('<run-id>', 'the run id, or a unique prefix such as the 8 characters the CLI prints')
    .option('--server <url>', SERVER_HELP)
    .option('--api-key <key>', API_KEY_HELP)
    .option('--json', 'print only the result as one JSON object (default: live bar, then table)')
    .action(async (runId: string, options: Record<string, string | boolean | undefined>) => {
      const server = requiredServer('watch', stringOption(options.server), io.env);
      const apiKey = apiKeyOf(stringOption(options.apiKey), io.env);
      done(await watchCommand({ runId: nonEmpty('the run id', runId), server, apiKey, json: options.json === true }, io));
    });

  const runs = program
    .command('runs')
    .summary('list, show or cancel runs on an orchestrator')
    .description('The runs an orchestrator holds (needs --server or A2A_MCP_SERVER).');
  configure(runs, io);
  runs
    .command('list')
    .description('List runs, newest first, with the short ids watch and runs get take.')
    .option('--limit <n>', `runs per page, 1 to ${MAX_RUNS_PAGE} (default: the server's, 20)`)
    .option('--cursor <cursor>', 'the next page: the cursor a previous page printed (default: the first page)')
    .option('--server <url>', SERVER_HELP)
    .option('--api-key <key>', API_KEY_HELP)
    .option('--json', JSON_HELP)
    .action(async (options: Record<string, string | boolean | undefined>) => {
      const server = requiredServer('runs list', stringOption(options.server), io.env);
      const apiKey = apiKeyOf(stringOption(options.apiKey), io.env);
      const cursor = stringOption(options.cursor);
      const limit = positiveIntegerFlag('--limit', stringOption(options.limit), MAX_RUNS_PAGE);
      done(
        await runsListCommand({ server, apiKey, limit, cursor: cursor === undefined ? undefined : nonEmpty('--cursor', cursor), json: options.json === true }, io),
      );
    });
  for (const [name, description, handler] of [
    ['get', "Show a run's state per task and, once it ended, its summary.", runsGetCommand],
    ['cancel', 'Cancel a running run (a finished one is refused, exit 2).', runsCancelCommand],
  ] as const) {
    runs
      .command(name)
      .description(description)
      .argument('<run-id>', 'the run id, or a unique prefix of it')
      .option('--server <url>', SERVER_HELP)
      .option('--api-key <key>', API_KEY_HELP)
      .option('--json', JSON_HELP)
      .action(async (runId: string, options: Record<string, string | boolean | undefined>) => {
        const server = requiredServer(`runs ${name}`, stringOption(options.server), io.env);
        const apiKey = apiKeyOf(stringOption(options.apiKey), io.env);
        done(await handler({ server, apiKey, runId: nonEmpty('the run id', runId), json: options.json === true }, io));
      });
  }

  program
    .command('agents')
    .summary('list the agents a plan may name, with their skills')
    .description("List agents and their skills: the embedded engine's demo agents, or the orchestrator's with --server.")
    .argument('[name]', 'show only this agent')
    .option('--server <url>', `${SERVER_HELP}; without one, the demo agents`)
    .option('--api-key <key>', API_KEY_HELP)
    .option('--json', 'print the agent cards as JSON (default: table)')
    .action(async (name: string | undefined, options: Record<string, string | boolean | undefined>) => {
      const apiKey = apiKeyOf(stringOption(options.apiKey), io.env);
      done(await agentsCommand({ server: serverUrl(stringOption(options.server), io.env), apiKey, name, json: options.json === true }, io));
    });

  program
    .command('mcp')
    .summary('serve the orchestrator to MCP clients over stdio')
    .description(
      'Run the orchestrator in process as an MCP server on stdin/stdout (for Claude Desktop and other MCP clients): tools ' +
        'find_agent, list_agents, plan, run_workflow, get_run, cancel_run, answer_input and the agent card resources. ' +
        "Reads the host's settings (.env, PLANNER, ...); logs go to stderr. The host serves the same at /mcp over HTTP.",
    )
    .action(async () => {
      done(await mcpCommand(io));
    });
  return program;
}

function withRunOptions(command: Command): Command {
  return command
    .option('--strategy <name>', "sequential, parallel, hybrid or auto (default: the plan's coordinationStrategy, else hybrid)")
    .option('--concurrency <n>', "most tasks running at once (default: the plan's maxConcurrency, else unbounded)")
    .option('--parallel-threshold <n>', "parallel strategy: smallest level run concurrently (default: the plan's, else 3)")
    .option('--quality-policy <policy>', "warn, retry or fail: what a below-threshold output does (default: the plan's qualityPolicy, else warn)")
    .option('--request <text>', 'plan this request instead of reading a plan file')
    .option('--planner <name>', 'with --request: deterministic or llm (default: deterministic)')
    .option('--rules <file>', 'with --request: custom dependency rules, JSON (default: $CUSTOM_DEPENDENCIES_FILE)')
    .option('--server <url>', `submit to this orchestrator and follow the run live (default: $${SERVER_ENV}; none: embedded run)`)
    .option('--api-key <key>', `with --server: ${API_KEY_HELP}`)
    .option('--json', 'print only the run result as one JSON object (default: live bar, then table)')
    .allowExcessArguments();
}

/** Output, width and errors the CLI's way: help to io.stdout, commander's own error lines silenced (main prints one). */
function configure(command: Command, io: CliIo): void {
  command
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: () => undefined,
      getOutHelpWidth: () => widthOf(io.stdout, io.env) ?? HELP_WIDTH,
      getErrHelpWidth: () => widthOf(io.stderr, io.env) ?? HELP_WIDTH,
    })
    .showHelpAfterError(false);
}

function runArgsOf(options: Record<string, string | boolean | undefined>, positionals: readonly string[], io: CliIo): RunArgs {
  const server = serverUrl(stringOption(options.server), io.env);
  if (options.rules !== undefined && server !== undefined) {
    const from = options.server === undefined ? ` (from ${SERVER_ENV})` : '';
    throw new CliInputError(`--rules applies to planning here; with --server${from} the host plans with its own CUSTOM_DEPENDENCIES_FILE. ${USAGE_HINT}`);
  }
  return {
    source: planSource(options, positionals),
    strategy: choiceFlag('--strategy', STRATEGY_CHOICES, stringOption(options.strategy)),
    qualityPolicy: choiceFlag('--quality-policy', QUALITY_POLICY_CHOICES, stringOption(options.qualityPolicy)),
    server,
    apiKey: apiKeyOf(stringOption(options.apiKey), io.env),
    concurrency: positiveIntegerFlag('--concurrency', stringOption(options.concurrency)),
    parallelThreshold: positiveIntegerFlag('--parallel-threshold', stringOption(options.parallelThreshold)),
    json: options.json === true,
  };
}

/** `run <plan.json>` or `run --request "<text>"`, never both. */
function planSource(options: Record<string, string | boolean | undefined>, positionals: readonly string[]): PlanSource {
  const request = stringOption(options.request);
  if (request === undefined) {
    if (options.planner !== undefined) throw new CliInputError(`--planner goes with --request. ${USAGE_HINT}`);
    if (options.rules !== undefined) throw new CliInputError(`--rules goes with --request (a plan file already has its dependencies). ${USAGE_HINT}`);
    if (positionals.length === 0) throw new CliInputError(`missing plan file: ${PROGRAM} run <plan.json>. ${USAGE_HINT}`);
    if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}". ${USAGE_HINT}`);
    return { kind: 'file', path: positionals[0] };
  }
  if (positionals.length > 0) throw new CliInputError(`give a plan file or --request, not both. ${USAGE_HINT}`);
  return {
    kind: 'request',
    request: requestText(request),
    planner: choiceFlag('--planner', PLANNER_CHOICES, stringOption(options.planner)) ?? 'deterministic',
    rules: rulesFlag(stringOption(options.rules)),
  };
}

function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A first word that is no command: named, with the closest command when one is close. */
function rejectUnknownCommand(program: Command, word: string): void {
  if (word.startsWith('-')) return;
  const names = [...program.commands.map((command) => command.name()), 'help'];
  if (names.includes(word)) return;
  const suggestion = closestName(word, names);
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  throw new CliInputError(`unknown command "${word}"${hint} ${USAGE_HINT}`);
}

/** Commander's message as one line of ours: no "error: " prefix, its "(Did you mean x?)" kept. */
function commanderMessage(error: CommanderError): string {
  if (error.code === 'commander.help') return 'missing subcommand (list, get or cancel)';
  return error.message
    .replace(/^error: /, '')
    .replace(/\s*\(Did you mean (.+)\?\)/, (_match, name: string) => `; did you mean "${name}"?`)
    .replace(/\.$/, '');
}
