import { PlanSchemaError } from './schema-error';

/**
 * A pattern (ECMA-262, anchored) for exactly the strings whose `toUpperCase()` is one of `words`: how the
 * validator reads the original framework's `quality_domain` ("analytical" is ANALYTICAL). Besides a–z, a
 * few characters upper-case to ASCII letters (`ı` → I, `ſ` → S, `ß` → SS, `ﬆ` → ST), so they are found by
 * asking `toUpperCase` itself rather than listed by hand. Memoised: the scan of Unicode takes tens of ms.
 */
export function anyCasePattern(words: readonly string[]): string {
  const key = words.join('\n');
  let pattern = memo.get(key);
  if (pattern === undefined) {
    const sources = upperCaseSources(new Set(words.join('')));
    pattern = `^(?:${words.map((word) => spellingsFrom(word, 0, sources)).join('|')})$`;
    memo.set(key, pattern);
  }
  return pattern;
}

const memo = new Map<string, string>();

/** Code points upper-cased one block at a time: a block whose result holds no letter of a word is skipped. */
const BLOCK = 4096;
const LAST_CODE_POINT = 0x10ffff;

/** Every upper-case text made only of `alphabet`'s characters, with the characters that upper-case to it. */
function upperCaseSources(alphabet: ReadonlySet<string>): ReadonlyMap<string, string[]> {
  const sources = new Map<string, string[]>();
  for (let start = 0; start <= LAST_CODE_POINT; start += BLOCK) {
    const chars: string[] = [];
    for (let cp = start; cp < Math.min(start + BLOCK, LAST_CODE_POINT + 1); cp++) {
      if (cp < 0xd800 || cp > 0xdfff) chars.push(String.fromCodePoint(cp));
    }
    const upper = chars.join('').toUpperCase();
    if (![...alphabet].some((letter) => upper.includes(letter))) continue;
    for (const char of chars) {
      const text = char.toUpperCase();
      if (![...text].every((letter) => alphabet.has(letter))) continue;
      const list = sources.get(text);
      if (list) list.push(char);
      else sources.set(text, [char]);
    }
  }
  return sources;
}

/** The alternatives that spell `word` from position `at`: one character per letter, or one for several (ß for SS). */
function spellingsFrom(word: string, at: number, sources: ReadonlyMap<string, string[]>): string {
  if (at === word.length) return '';
  const options: string[] = [];
  for (const [upper, chars] of sources) {
    if (word.startsWith(upper, at)) options.push(characterClass(chars) + spellingsFrom(word, at + upper.length, sources));
  }
  if (options.length === 0) throw new PlanSchemaError(`no character upper-cases to ${JSON.stringify(word[at])}`);
  return options.length === 1 ? options[0] : `(?:${options.join('|')})`;
}

function characterClass(chars: readonly string[]): string {
  const escaped = chars.map(escapeChar).join('');
  return chars.length === 1 ? escaped : `[${escaped}]`;
}

/** ASCII letters and digits as they are; anything else as `\uXXXX` (per UTF-16 unit), so the pattern stays ASCII. */
function escapeChar(char: string): string {
  if (/^[A-Za-z0-9]$/.test(char)) return char;
  return [...Array(char.length).keys()].map((i) => `\\u${char.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`).join('');
}
