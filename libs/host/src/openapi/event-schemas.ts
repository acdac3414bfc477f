import { WORKFLOW_EVENT_JSON_SCHEMA } from '@a2a-mcp/core-graph';

type Json = Record<string, unknown>;

/** The component every event stream response refers to: one of the engine's event types, by `type`. */
export const WORKFLOW_EVENT_SCHEMA = 'WorkflowEvent';

const REFERENCE = /"#\/(?:definitions|\$defs)\//g;

/**
 * The engine's event union (generated from its TypeScript types) as components of the document:
 * each event type and what it refers to under its own name, and `WorkflowEvent`, a oneOf with a
 * discriminator on `type`, as the SSE responses' schema.
 */
export function eventSchemaComponents(): Record<string, Json> {
  const source = toDraft2020(JSON.parse(JSON.stringify(WORKFLOW_EVENT_JSON_SCHEMA).replace(REFERENCE, '"#/components/schemas/'))) as Json;
  const definitions = (source.$defs ?? source.definitions) as Record<string, Json>;
  const members = (source.oneOf ?? source.anyOf) as { $ref: string }[];
  const mapping: Record<string, string> = {};
  for (const member of members) {
    const name = member.$ref.slice(member.$ref.lastIndexOf('/') + 1);
    const type = ((definitions[name]?.properties as Record<string, Json> | undefined)?.type?.const ?? undefined) as string | undefined;
    if (type !== undefined) mapping[type] = member.$ref;
  }
  const union: Json = {
    description:
      'One event of a run, as the `data` of a Server-Sent Event: `id` is its `seq`, `event` its `type`. Sequence numbers start at 1 and have no gaps; a stream ends after `workflow_complete`.',
    oneOf: members,
    discriminator: { propertyName: 'type', mapping },
  };
  return { ...definitions, [WORKFLOW_EVENT_SCHEMA]: union };
}

/** The schema is generated as draft-07; OpenAPI 3.1 speaks 2020-12, where a tuple is `prefixItems`. */
function toDraft2020(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toDraft2020);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$schema' || key === '$id') continue;
    out[key] = toDraft2020(value);
  }
  if (Array.isArray(out.items)) {
    out.prefixItems = out.items;
    delete out.items;
    if (out.additionalItems !== undefined) out.items = out.additionalItems;
    delete out.additionalItems;
  }
  return out;
}
