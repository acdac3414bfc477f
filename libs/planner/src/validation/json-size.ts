/**
 * The size of a value's JSON text without building it: a walk with an explicit stack (no recursion)
 * that stops as soon as the size passes the limit, so a huge or cyclic value costs at most about
 * `maxBytes` steps.
 */

/** Deepest nesting of a task input: JSON.stringify recurses, so far deeper values cannot be echoed back safely. */
export const MAX_INPUT_DEPTH = 100;

export type JsonMeasure =
  /** `bytes`: the exact UTF-8 length of `JSON.stringify(value)`. */
  | { readonly kind: 'ok'; readonly bytes: number }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'too-deep' };

/** Bytes of the UTF-8 JSON text of `value`, or why it was not measured to the end. */
export function measureJson(value: unknown, maxBytes: number, maxDepth = MAX_INPUT_DEPTH): JsonMeasure {
  let bytes = 0;
  const stack: Pending[] = [{ value, depth: 1, converted: false }];
  while (stack.length > 0) {
    const { value: current, depth, converted } = stack.pop() as Pending;
    bytes += scalarBytes(current);
    if (typeof current === 'string' && bytes <= maxBytes) bytes += stringBytes(current, maxBytes - bytes);
    if (current !== null && typeof current === 'object') {
      if (depth > maxDepth) return { kind: 'too-deep' };
      bytes += containerBytes(current, depth, converted, stack, maxBytes - bytes);
    }
    if (bytes > maxBytes) return { kind: 'too-large' };
  }
  return { kind: 'ok', bytes };
}

/** A value still to measure; `converted` once toJSON has replaced it (JSON calls toJSON once per value). */
interface Pending {
  readonly value: unknown;
  readonly depth: number;
  readonly converted: boolean;
}

/**
 * Pushes the members JSON would write and returns the bytes of the brackets, keys, colons and commas.
 * Pushes nothing more once those bytes pass `budget` (the caller then stops).
 */
function containerBytes(container: object, depth: number, converted: boolean, stack: Pending[], budget: number): number {
  const toJSON = (container as { toJSON?: unknown }).toJSON;
  if (!converted && typeof toJSON === 'function') {
    // Dates and the like: JSON writes what toJSON returns instead (its size is counted when popped).
    stack.push({ value: (toJSON as () => unknown).call(container), depth, converted: true });
    return 0;
  }
  if (Array.isArray(container)) {
    // Every item takes at least one byte and a comma: a long array is refused before it is walked.
    if (2 * container.length + 1 > budget) return 2 * container.length + 1;
    for (const item of container) stack.push({ value: isOmitted(item) ? null : item, depth: depth + 1, converted: false });
    return 2 + Math.max(container.length - 1, 0);
  }
  let bytes = 2;
  let members = 0;
  for (const key of Object.keys(container)) {
    const member = (container as Record<string, unknown>)[key];
    if (isOmitted(member)) continue; // JSON drops undefined, functions and symbols from objects
    bytes += stringBytes(key, budget) + 2; // the key, its colon and a comma (one too many, taken off below)
    if (bytes > budget) return bytes;
    members++;
    stack.push({ value: member, depth: depth + 1, converted: false });
  }
  return members > 0 ? bytes - 1 : bytes;
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** Bytes of a non-string, non-object value (0 for strings and objects, measured elsewhere). */
function scalarBytes(value: unknown): number {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value).length : 4; // NaN and ±Infinity are written as null
    case 'boolean':
      return value ? 4 : 5;
    case 'bigint':
      return String(value).length; // JSON.stringify throws on it; counted as its digits
    case 'object':
      return value === null ? 4 : 0;
    default:
      return 0; // strings; undefined and the like never reach here
  }
}

/**
 * UTF-8 bytes of the quoted, escaped JSON string: 2 quotes, then per character 1–4 bytes or its escape.
 * Stops early (returning a bound above `budget`) when even one byte per character would not fit.
 */
function stringBytes(text: string, budget: number): number {
  if (text.length + 2 > budget) return text.length + 2;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c || code === 0x08 || code === 0x0c || code === 0x0a || code === 0x0d || code === 0x09) {
      bytes += 2; // \" \\ \b \f \n \r \t
    } else if (code < 0x20) {
      bytes += 6; // \u00XX
    } else if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      bytes += 6; // a lone surrogate, escaped as \uDXXX
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
