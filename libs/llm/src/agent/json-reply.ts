import type { OutputValidator } from '@a2a-mcp/quality';
import { unfenceJson } from '../client/json-content';

export type JsonReply = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/** How many schema violations a message spells out. */
const VIOLATIONS_SHOWN = 3;
/** How much of a reply that is not JSON a message quotes. */
const REPLY_EXCERPT = 120;

/** Reads a model's reply (``` fences stripped) as a JSON object and checks it against the compiled output schema. */
export function readJsonReply(content: string, validate: OutputValidator): JsonReply {
  const text = unfenceJson(content);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `a reply that is not JSON (${reason}): ${quote(text)}` };
  }
  if (validate(value) === true) return { ok: true, value: value as Record<string, unknown> };
  return { ok: false, problem: `a reply that does not match its output schema: ${violations(validate)}` };
}

/** "/keyPoints/0 must be string (schema path #/properties/keyPoints/items/type); …" */
function violations(validate: OutputValidator): string {
  const errors = validate.errors ?? [];
  if (errors.length === 0) return 'rejected by the schema';
  const shown = errors.slice(0, VIOLATIONS_SHOWN).map((error) => {
    const where = error.instancePath === '' ? '(the reply)' : error.instancePath;
    return `${where} ${error.message ?? `fails ${error.keyword}`} (schema path ${error.schemaPath})`;
  });
  const more = errors.length > VIOLATIONS_SHOWN ? ` (and ${errors.length - VIOLATIONS_SHOWN} more)` : '';
  return `${shown.join('; ')}${more}`;
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  if (flat.length === 0) return '(empty reply)';
  return JSON.stringify(flat.length > REPLY_EXCERPT ? `${flat.slice(0, REPLY_EXCERPT)}…` : flat);
}
