import { TaskError, type TaskRequest } from '@a2a-mcp/core-graph';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type Ajv from 'ajv';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import { toolChosenBy } from './mcp-tool-choice';

/** A tool as the executor knows it: what the server listed, and its input schema compiled once. */
export interface KnownTool {
  tool: Tool;
  /** Undefined when the schema could not be compiled: the server then judges the arguments alone. */
  validate?: ValidateFunction;
}

/** The call a task asks for. */
export interface ToolCall {
  tool: KnownTool;
  arguments: Record<string, unknown>;
}

const AJV_OPTIONS: Options = {
  // A server's schema may use keywords and formats ajv does not know: ignore them rather than refuse the tool.
  strict: false,
  validateFormats: false,
  logger: false,
  // Two servers may use the same $id for different schemas; never register them globally.
  addUsedSchema: false,
};

let draft07: Ajv | undefined;
let draft2020: Ajv2020 | undefined;

/** The tools by name, each input schema compiled (draft 2020-12 when it says so, else draft-07). */
export function indexTools(tools: readonly Tool[]): Map<string, KnownTool> {
  const index = new Map<string, KnownTool>();
  for (const tool of tools) {
    const schema = tool.inputSchema as Record<string, unknown>;
    let validate: ValidateFunction | undefined;
    try {
      const is2020 = typeof schema.$schema === 'string' && /2020-12|2019-09/.test(schema.$schema);
      validate = ajvFor(is2020).compile(schema);
    } catch {
      validate = undefined;
    }
    index.set(tool.name, { tool, ...(validate === undefined ? {} : { validate }) });
  }
  return index;
}

// ajv is loaded when a server is connected, not when the library is: most hosts have no MCP server.
function ajvFor(draft2020Schema: boolean): Ajv | Ajv2020 {
  if (draft2020Schema) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (draft2020 ??= new (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default(AJV_OPTIONS));
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (draft07 ??= new (require('ajv') as typeof import('ajv')).default(AJV_OPTIONS));
}

/**
 * Which tool a task calls and with what. `input.tool` names the tool; without it, the server's only
 * tool, or the one the task's description clearly asks for (`toolChosenBy`). The arguments are
 * `input.arguments` when the input has that key, else the rest of the input (everything but `tool`),
 * never taken from the description or the dependencies' outputs. They are checked against the tool's
 * input schema here, so a bad input fails the task before anything is sent (MCP_BAD_INPUT, not retried).
 */
export function toolCallOf(task: TaskRequest, server: string, tools: ReadonlyMap<string, KnownTool>): ToolCall {
  const { tool: named, ...rest } = task.input;
  const names = [...tools.keys()];
  let tool: KnownTool | undefined;
  if (named === undefined) {
    tool = tools.size === 1 ? (tools.values().next().value as KnownTool) : toolOfDescription(task, server, tools);
  } else if (typeof named !== 'string') {
    throw badInput(task, `input.tool must be a string naming a tool of the MCP server "${server}" (${names.join(', ')}), got ${JSON.stringify(named)}`);
  } else {
    tool = tools.get(named);
    if (tool === undefined) throw unknownTool(task, server, named, names);
  }
  const name = tool.tool.name;
  const args = 'arguments' in rest ? rest.arguments : rest;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw badInput(task, `input.arguments must be an object of arguments for the tool "${name}", got ${JSON.stringify(args)}`);
  }
  const checked = args as Record<string, unknown>;
  if (tool.validate !== undefined && !tool.validate(checked)) {
    throw badInput(task, `the arguments of the tool "${name}" do not match its input schema: ${describeErrors(tool.validate.errors ?? [])}`);
  }
  return { tool, arguments: checked };
}

/**
 * For a task without `input.tool` on a server of several tools: the tool its description clearly
 * asks for, else MCP_BAD_INPUT listing the tools (and the ones that tied) and asking for input.tool.
 */
function toolOfDescription(task: TaskRequest, server: string, tools: ReadonlyMap<string, KnownTool>): KnownTool {
  const names = [...tools.keys()];
  if (names.length === 0) throw badInput(task, `input.tool must name the tool to call, but the MCP server "${server}" has no tools`);
  const choice = toolChosenBy(task.description, [...tools.values()].map((known) => known.tool));
  if ('tool' in choice) return tools.get(choice.tool) as KnownTool;
  const why = choice.tied.length === 0 ? 'names none of them' : `fits ${choice.tied.join(' and ')} equally`;
  throw badInput(
    task,
    `input.tool must name the tool to call: the MCP server "${server}" has ${names.length} (${names.join(', ')}) and the task's description ${JSON.stringify(task.description)} ${why}; set input.tool to one of them`,
  );
}

function badInput(task: TaskRequest, detail: string): TaskError {
  return new TaskError('MCP_BAD_INPUT', `task "${task.taskId}" (agent "${task.agent}"): ${detail}`, false);
}

function unknownTool(task: TaskRequest, server: string, name: string, known: string[]): TaskError {
  const suggestion = closest(name, known);
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  return new TaskError(
    'MCP_UNKNOWN_TOOL',
    `task "${task.taskId}": the MCP server "${server}" has no tool "${name}" (tools: ${known.join(', ') || 'none'})${hint}`,
    false,
  );
}

/** `/text: must be string`, with the field path ajv reports (`(root)` for the object itself). */
function describeErrors(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map((error) => {
      const missing = error.keyword === 'required' ? `/${String((error.params as { missingProperty?: string }).missingProperty)}` : '';
      const extra = error.keyword === 'additionalProperties' ? `/${String((error.params as { additionalProperty?: string }).additionalProperty)}` : '';
      const path = `${error.instancePath}${missing}${extra}` || '(root)';
      return `${path} ${error.message ?? error.keyword}`;
    })
    .join('; ');
}

/** The known name within a few typos of `name` (case, `_` and `-` ignored), for "did you mean". */
function closest(name: string, known: readonly string[]): string | undefined {
  const plain = (value: string): string => value.toLowerCase().replace(/[_\-\s]/g, '');
  const wanted = plain(name);
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(wanted, plain(candidate));
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(wanted.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
