/**
 * Showing user input inside an issue message. A plan may carry a 5 MB string or a right-to-left
 * override; a message must stay one short, safe line whatever it echoes.
 */

/** Longest part of a string shown in a message, in UTF-16 code units (an ellipsis marks the cut). */
export const MAX_ECHOED_LENGTH = 80;

/**
 * Characters JSON.stringify leaves as they are but a terminal or log viewer would act on: DEL, the C1
 * controls, the line and paragraph separators and the bidi embeddings, overrides and isolates.
 * (JSON.stringify already escapes the C0 controls, quotes and backslashes.)
 */
const UNSAFE_AFTER_JSON = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Anything JSON.stringify or UNSAFE_AFTER_JSON would change: quotes, backslashes, controls, surrogates. */
const NEEDS_ESCAPING = /["\\\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/**
 * `value` as a quoted JSON string, cut to MAX_ECHOED_LENGTH code units (never inside a surrogate pair)
 * with `…` before the closing quote, and with every unsafe character escaped as `\uXXXX`.
 */
export function quote(value: string): string {
  // The common case (a short, plain id) skips JSON.stringify: it runs once per task, for its label.
  if (value.length <= MAX_ECHOED_LENGTH && !NEEDS_ESCAPING.test(value)) return `"${value}"`;
  let shown = value;
  if (value.length > MAX_ECHOED_LENGTH) {
    let end = MAX_ECHOED_LENGTH;
    if (isHighSurrogate(value.charCodeAt(end - 1))) end--;
    shown = `${value.slice(0, end)}…`;
  }
  return JSON.stringify(shown).replace(UNSAFE_AFTER_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const UNSAFE_IN_TEXT = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Free text (a parser's message that quotes input) with every control and bidi character as `\uXXXX`. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_IN_TEXT, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$]*$/;

/** A key as a path segment: `name` for an identifier-like key, `["odd key"]` (quoted, cut) otherwise. */
export function keySegment(key: string): string {
  return key.length <= MAX_ECHOED_LENGTH && PLAIN_KEY.test(key) ? key : `[${quote(key)}]`;
}
