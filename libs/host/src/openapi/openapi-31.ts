type Json = Record<string, unknown>;

/**
 * Rewrites the OpenAPI 3.0 forms Nest and its plugins still emit into their 3.1 (JSON Schema 2020-12)
 * equivalents: `nullable: true` becomes a `null` type, `allOf` around a lone `$ref` the `$ref`, and a boolean `exclusiveMinimum`/`exclusiveMaximum`
 * becomes the number it qualifies. Returns a new tree; the input is not changed.
 */
export function toOpenApi31(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi31);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) out[key] = toOpenApi31(value);
  if (out.nullable === true) {
    delete out.nullable;
    // A reference (Nest writes `allOf: [{$ref}]` beside the type): the value is the referenced schema or null.
    if (out.$ref !== undefined || out.allOf !== undefined) {
      const { $ref, allOf, type: _type, ...rest } = out;
      const parts = Array.isArray(allOf) ? (allOf as unknown[]) : [];
      const schema = $ref !== undefined ? { $ref } : parts.length === 1 ? parts[0] : { allOf };
      return { ...rest, anyOf: [schema, { type: 'null' }] };
    }
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type)) out.type = [...(out.type as unknown[]), 'null'];
  } else if (out.nullable === false) {
    delete out.nullable;
  }
  // Nest wraps a lone reference in `allOf` (3.0 allowed no siblings beside $ref); 3.1 does.
  if (Array.isArray(out.allOf) && out.allOf.length === 1 && out.type === undefined) {
    const [only] = out.allOf as Json[];
    if (typeof only.$ref === 'string' && Object.keys(only).length === 1) {
      delete out.allOf;
      out.$ref = only.$ref;
    }
  }
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[flag] !== 'boolean') continue;
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else {
      delete out[flag];
    }
  }
  return out;
}
