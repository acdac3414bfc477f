const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * How deeply the JSON text in `bytes` (UTF-8) nests arrays and objects, counted without parsing and
 * without recursion; the scan stops as soon as the depth passes `max` (returns `max + 1`). Brackets
 * inside strings do not count. Malformed text gives some number: JSON.parse rejects it afterwards.
 * UTF-8 makes a byte scan exact: the bytes of a multi-byte character are all ≥ 0x80.
 */
export function jsonNestingDepth(bytes: Buffer, max: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      i = closingQuote(bytes, i);
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return deepest;
}

/** Index of the quote that ends the string opened at `open` (the end of the text if none does). */
function closingQuote(bytes: Buffer, open: number): number {
  // Strings are most of a plan's bytes: jump from quote to quote (indexOf is native) instead of byte by byte.
  let quote = bytes.indexOf(QUOTE, open + 1);
  while (quote !== -1) {
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = bytes.indexOf(QUOTE, quote + 1);
  }
  return bytes.length;
}
