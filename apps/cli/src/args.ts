import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { QualityPolicy, StrategyName } from '@a2a-mcp/core-graph';
import { CliInputError, PROGRAM, USAGE_HINT, messageOf } from './cli-error';

export type StrategyChoice = StrategyName | 'auto';
export const STRATEGY_CHOICES: readonly StrategyChoice[] = ['sequential', 'parallel', 'hybrid', 'auto'];

export type PlannerChoice = 'deterministic' | 'llm';
export const PLANNER_CHOICES: readonly PlannerChoice[] = ['deterministic', 'llm'];
export const QUALITY_POLICY_CHOICES: readonly QualityPolicy[] = ['warn', 'retry', 'fail'];

/** Where a run's plan comes from: a plan file, or a request the planner turns into a plan. */
export type PlanSource = { kind: 'file'; path: string } | { kind: 'request'; request: string; planner: PlannerChoice; rules?: string };

export interface RunArgs {
  command: 'run';
  source: PlanSource;
  /** Flag values; undefined means "not given", so the plan's own settings apply. */
  strategy?: StrategyChoice;
  concurrency?: number;
  parallelThreshold?: number;
  qualityPolicy?: QualityPolicy;
  /** Base URL of a running orchestrator; absent = embedded run. */
  server?: string;
  json: boolean;
}

export interface WatchArgs {
  command: 'watch';
  runId: string;
  server: string;
  json: boolean;
}

export interface PlanArgs {
  command: 'plan';
  request: string;
  planner: PlannerChoice;
  /** Custom dependency rules file (`--rules`); wins over CUSTOM_DEPENDENCIES_FILE. */
  rules?: string;
  json: boolean;
}

export interface ValidateArgs {
  command: 'validate';
  planPath: string;
  json: boolean;
}

export interface HelpArgs {
  command: 'help';
}

export type CliArgs = RunArgs | PlanArgs | WatchArgs | ValidateArgs | HelpArgs;

type Options = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION: Options = { help: { type: 'boolean', short: 'h' } };

const RUN_OPTIONS: Options = {
  ...HELP_OPTION,
  strategy: { type: 'string' },
  concurrency: { type: 'string' },
  'parallel-threshold': { type: 'string' },
  'quality-policy': { type: 'string' },
  request: { type: 'string' },
  planner: { type: 'string' },
  rules: { type: 'string' },
  server: { type: 'string' },
  json: { type: 'boolean' },
};

const WATCH_OPTIONS: Options = { ...HELP_OPTION, server: { type: 'string' }, json: { type: 'boolean' } };

const PLAN_OPTIONS: Options = { ...HELP_OPTION, planner: { type: 'string' }, rules: { type: 'string' }, json: { type: 'boolean' } };

const VALIDATE_OPTIONS: Options = { ...HELP_OPTION, json: { type: 'boolean' } };

/** Reads the command line; throws CliInputError (exit 2) naming the bad argument. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command === undefined) throw new CliInputError(`missing command. ${USAGE_HINT}`);
  if (command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command === 'run') return parseRun(rest);
  if (command === 'plan') return parsePlanCommand(rest);
  if (command === 'watch') return parseWatch(rest);
  if (command === 'validate') return parseValidate(rest);
  throw new CliInputError(`unknown command "${command}". ${USAGE_HINT}`);
}

function parseRun(args: string[]): RunArgs | HelpArgs {
  const parsed = parseOrExplain(args, RUN_OPTIONS);
  if (parsed.values.help === true) return { command: 'help' };
  if (parsed.values.rules !== undefined && parsed.values.server !== undefined) {
    throw new CliInputError(`--rules applies to planning here; with --server the host plans with its own CUSTOM_DEPENDENCIES_FILE. ${USAGE_HINT}`);
  }
  return {
    command: 'run',
    source: planSource(parsed.values, parsed.positionals),
    strategy: strategyFlag(parsed.values.strategy),
    qualityPolicy: choiceFlag('--quality-policy', QUALITY_POLICY_CHOICES, parsed.values['quality-policy']),
    server: serverFlag(parsed.values.server),
    concurrency: positiveIntegerFlag('--concurrency', parsed.values.concurrency),
    parallelThreshold: positiveIntegerFlag('--parallel-threshold', parsed.values['parallel-threshold']),
    json: parsed.values.json === true,
  };
}

function parseWatch(args: string[]): WatchArgs | HelpArgs {
  const parsed = parseOrExplain(args, WATCH_OPTIONS);
  if (parsed.values.help === true) return { command: 'help' };
  if (parsed.positionals.length !== 1) throw new CliInputError(`usage: ${PROGRAM} watch <runId> --server <url>. ${USAGE_HINT}`);
  const server = serverFlag(parsed.values.server);
  if (server === undefined) throw new CliInputError(`watch needs --server <url> (the orchestrator that runs it). ${USAGE_HINT}`);
  return { command: 'watch', runId: parsed.positionals[0], server, json: parsed.values.json === true };
}

/** An http(s) URL; anything else is named back to the user. */
function serverFlag(value: ParsedValues[string]): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new CliInputError(`--server must be an http(s) URL such as http://localhost:3000, got "${text}"`);
  }
  return text;
}

function parsePlanCommand(args: string[]): PlanArgs | HelpArgs {
  const parsed = parseOrExplain(args, PLAN_OPTIONS);
  if (parsed.values.help === true) return { command: 'help' };
  if (parsed.positionals.length === 0) throw new CliInputError(`missing request: ${PROGRAM} plan "<request>". ${USAGE_HINT}`);
  // Unquoted words are one request too: `a2a-mcp plan charge the card and ship it`.
  return {
    command: 'plan',
    request: requestText(parsed.positionals.join(' ')),
    planner: choiceFlag('--planner', PLANNER_CHOICES, parsed.values.planner) ?? 'deterministic',
    rules: rulesFlag(parsed.values.rules),
    json: parsed.values.json === true,
  };
}

/** `run <plan.json>` or `run --request "<text>"`, never both. */
function planSource(values: ParsedValues, positionals: string[]): PlanSource {
  const request = values.request;
  if (request === undefined) {
    if (values.planner !== undefined) throw new CliInputError(`--planner goes with --request. ${USAGE_HINT}`);
    if (values.rules !== undefined) throw new CliInputError(`--rules goes with --request (a plan file already has its dependencies). ${USAGE_HINT}`);
    return { kind: 'file', path: onePlanPath('run', positionals) };
  }
  if (positionals.length > 0) throw new CliInputError(`give a plan file or --request, not both. ${USAGE_HINT}`);
  return {
    kind: 'request',
    request: requestText(String(request)),
    planner: choiceFlag('--planner', PLANNER_CHOICES, values.planner) ?? 'deterministic',
    rules: rulesFlag(values.rules),
  };
}

function rulesFlag(value: ParsedValues[string]): string | undefined {
  if (value === undefined) return undefined;
  const path = String(value).trim();
  if (path === '') throw new CliInputError('--rules needs a file: --rules <rules.json>');
  return path;
}

function requestText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new CliInputError('the request is empty: say what should be done');
  return trimmed;
}

function choiceFlag<T extends string>(flag: string, choices: readonly T[], value: ParsedValues[string]): T | undefined {
  if (value === undefined) return undefined;
  const choice = choices.find((name) => name === value);
  if (choice === undefined) throw new CliInputError(`${flag} must be one of ${choices.join(', ')}, got "${String(value)}"`);
  return choice;
}

function parseValidate(args: string[]): ValidateArgs | HelpArgs {
  const parsed = parseOrExplain(args, VALIDATE_OPTIONS);
  if (parsed.values.help === true) return { command: 'help' };
  return { command: 'validate', planPath: onePlanPath('validate', parsed.positionals), json: parsed.values.json === true };
}

type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parseOrExplain(args: string[], options: Options): { values: ParsedValues; positionals: string[] } {
  try {
    return parseArgs({ args: joinNegativeNumbers(args, options), options, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util explains in several sentences; the first names the option and is enough.
    const firstSentence = messageOf(error).split(/\.\s/)[0].replace(/\.$/, '');
    throw new CliInputError(`${lowerFirst(firstSentence)}. ${USAGE_HINT}`);
  }
}

/**
 * parseArgs refuses `--concurrency -2` as ambiguous (the value looks like an option); a negative
 * number is a value, so it is joined as `--concurrency=-2` and judged by the flag's own check.
 */
function joinNegativeNumbers(args: readonly string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else {
      joined.push(args[i]);
    }
  }
  return joined;
}

function onePlanPath(command: string, positionals: string[]): string {
  if (positionals.length === 0) throw new CliInputError(`missing plan file: ${PROGRAM} ${command} <plan.json>. ${USAGE_HINT}`);
  if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}". ${USAGE_HINT}`);
  return positionals[0];
}

function strategyFlag(value: ParsedValues[string]): StrategyChoice | undefined {
  return choiceFlag('--strategy', STRATEGY_CHOICES, value);
}

function positiveIntegerFlag(flag: string, value: ParsedValues[string]): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const number = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(number) || number < 1) throw new CliInputError(`${flag} must be an integer >= 1, got "${String(value)}"`);
  return number;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
