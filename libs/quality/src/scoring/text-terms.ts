// Turns prose, keys and identifiers into comparable terms: camelCase split, lower-cased, short
// words and stop-words dropped, lightly stemmed (so "shipping"/"ship", "archived"/"archive" meet).
// Every regex is a module constant: this runs on the engine's hot path.

const CAMEL_BOUNDARY = /([a-z0-9])([A-Z])/g;
const WORD = /[a-z]+/g;
const ES_PLURAL = /(?:x|z|ch|sh)es$/;
const UNDOUBLED = /([^aeiouylsz])\1$/;
const MIN_TERM_LENGTH = 3;

/** Function words and request verbs that say nothing about what a task is about. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'the and for with from into onto that this these those then than there their them they you your ' +
    'our ours its his her him she was were are been being has have had not but nor yet all any each ' +
    'every some such per via out off over under about above after before once when while where which ' +
    'who whom what why how also just only very can could should would will shall may might must ' +
    'please make made create generate produce perform execute run handle get give provide use using write ' +
    'compose prepare ' +
    'new one two now again let lets whose own same other another both'
  ).split(' '),
);

/** Adds the terms of `text` to `into`, stopping once it holds `limit` terms. */
export function appendTerms(text: string, into: Set<string>, limit: number): void {
  const words = text.replace(CAMEL_BOUNDARY, '$1 $2').toLowerCase().match(WORD);
  if (words === null) return;
  for (const word of words) {
    if (into.size >= limit) return;
    if (word.length < MIN_TERM_LENGTH || STOP_WORDS.has(word)) continue;
    into.add(stem(word));
  }
}

/** The distinct terms of `text`. */
export function termsOf(text: string, limit = 10_000): Set<string> {
  const terms = new Set<string>();
  appendTerms(text, terms, limit);
  return terms;
}

/** A deliberately light suffix stripper: consistent on both sides of a comparison is all we need. */
export function stem(word: string): string {
  let stemmed = word;
  if (stemmed.length > 4 && stemmed.endsWith('ies')) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith('sses')) stemmed = stemmed.slice(0, -2);
  else if (stemmed.length > 5 && stemmed.endsWith('ing')) stemmed = undouble(stemmed.slice(0, -3));
  else if (stemmed.length > 4 && stemmed.endsWith('ed')) stemmed = undouble(stemmed.slice(0, -2));
  else if (stemmed.length > 4 && ES_PLURAL.test(stemmed)) stemmed = stemmed.slice(0, -2);
  else if (stemmed.length > 3 && stemmed.endsWith('s') && !stemmed.endsWith('ss')) stemmed = stemmed.slice(0, -1);
  // "archive"/"archiv(ed)", "capture"/"captur(ed)": drop a final e so both forms meet.
  if (stemmed.length > 3 && stemmed.endsWith('e')) stemmed = stemmed.slice(0, -1);
  return stemmed;
}

// "shipp(ing)" → "ship"; "call(ing)" and "pass(ed)" keep their double letter.
function undouble(word: string): string {
  return UNDOUBLED.test(word) ? word.slice(0, -1) : word;
}
