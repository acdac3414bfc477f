import type { TaskRequest } from '@a2a-mcp/core-graph';
import type { OutputValidator, PreparedOutputSchema } from '@a2a-mcp/quality';
import { outputNotSerializableError, outputSchemaInvalidError, outputTooLargeError } from './resilience-errors';

/** The compiled output schemas of the agents (OutputSchemaCatalog's registry fits). */
export interface OutputSchemas {
  get(agent: string): PreparedOutputSchema | undefined;
}

type SchemaError = NonNullable<OutputValidator['errors']>[number];

/** Longest reason quoted from a JSON or schema error. */
const MAX_REASON_LENGTH = 200;

/**
 * Refuses poison outputs before the engine records them, in this order (each a TaskError):
 * OUTPUT_NOT_SERIALIZABLE — JSON.stringify throws (a cycle, a BigInt, a throwing toJSON) or yields
 * nothing (a function or a symbol as the whole output); OUTPUT_TOO_LARGE — more than `maxOutputBytes`
 * as UTF-8 JSON; OUTPUT_SCHEMA_INVALID — the agent's card declares an output schema (compiled in
 * `schemas`) and the output does not match it, naming the first bad path.
 *
 * `undefined` (an agent that returns nothing) passes as it is: the task simply has no output, as
 * before; stored as JSON it reads back as absent. One JSON.stringify per output, and its length
 * bounds the byte count, so the exact count is taken only when the length cannot decide.
 */
export class OutputInspector {
  constructor(
    private readonly maxOutputBytes: number,
    private readonly schemas?: OutputSchemas,
  ) {}

  /** Returns `output` unchanged, or throws the TaskError that fails the attempt. */
  check(task: TaskRequest, output: unknown): unknown {
    if (output === undefined) return output;
    let json: string | undefined;
    try {
      json = JSON.stringify(output);
    } catch (error) {
      throw outputNotSerializableError(task.agent, task.taskId, shorten(error instanceof Error ? error.message : String(error)));
    }
    if (json === undefined) throw outputNotSerializableError(task.agent, task.taskId, `a ${typeof output} has no JSON form`);
    const bytes = utf8BytesOver(json, this.maxOutputBytes);
    if (bytes !== undefined) throw outputTooLargeError(task.agent, task.taskId, bytes, this.maxOutputBytes);
    const schema = this.schemas?.get(task.agent);
    if (schema !== undefined && schema.validate(output) !== true) {
      const first = schema.validate.errors?.[0];
      throw outputSchemaInvalidError(task.agent, task.taskId, first === undefined ? 'output' : pathOf(first), shorten(first?.message ?? 'does not match'));
    }
    return output;
  }
}

/**
 * The UTF-8 size of `json` when it is over `limit`, else undefined. A UTF-16 code unit takes at most 3
 * bytes (a surrogate pair, two units, takes 4), so a string of at most limit ÷ 3 units is never counted.
 */
function utf8BytesOver(json: string, limit: number): number | undefined {
  if (json.length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(json, 'utf8');
  return bytes > limit ? bytes : undefined;
}

/** `output.items[0].sku` from ajv's instance path; a missing property is named too (`output.total`). */
function pathOf(error: SchemaError): string {
  let path = 'output';
  if (error.instancePath.length > 0) {
    for (const raw of error.instancePath.slice(1).split('/')) {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
    }
  }
  const missing = (error.params as { missingProperty?: unknown }).missingProperty;
  if (error.keyword === 'required' && typeof missing === 'string') path += `.${missing}`;
  return path;
}

function shorten(text: string): string {
  const line = text.split('\n')[0];
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH)}…` : line;
}
