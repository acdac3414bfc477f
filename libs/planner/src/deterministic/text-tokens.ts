/**
 * Words → comparable tokens for skill matching: lower case, stop words dropped, a light stemmer so
 * that charge/charging/charged, text/texting, validate/validation and analyse/analyze meet. The
 * stemmer only has to map a request's word and a skill's word to the same string, not to a real stem.
 */

const STOP_WORDS = new Set(
  (
    'a an the and or but then to of on in into onto for with from by at as it its this that these those them they ' +
    'their there our my your his her we you me us i all everything anything each every some any please also be is ' +
    'are was were been do does done so up out via per just now next finally first afterwards after before once when ' +
    'can could should would will must may might let lets make sure'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}]+/gu;
const DIGITS = /^\p{N}+$/u;
/** Doubled final consonants left by -ing/-ed (shipp → ship); l, s and z double in the stem itself. */
const DOUBLED = /([b-df-hj-km-rtv-y])\1$/;

/** The distinct tokens of a text, in order of first appearance. */
export function tokensOf(text: string): string[] {
  const seen = new Set<string>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    if (word.length < 2 || STOP_WORDS.has(word) || DIGITS.test(word)) continue;
    seen.add(stem(word));
  }
  return [...seen];
}

export function stem(lowerCaseWord: string): string {
  // British and American spellings meet on the British one: analyze → analyse, summarizing → summarising.
  let word = lowerCaseWord.replace(/yz/g, 'ys').replace(/iz(?=[eia])/g, 'is');
  if (word.length <= 3) return word;
  if (word.endsWith('ysis')) word = word.slice(0, -2); // analysis → analys(e)
  else if (word.endsWith('ies') || word.endsWith('ied')) word = `${word.slice(0, -3)}y`;
  else if (word.endsWith('ation') && word.length > 7) word = word.slice(0, -5); // reservation → reserv(e)
  else if (word.endsWith('ment') && word.length > 6) word = word.slice(0, -4); // shipment → ship, payment → pay
  else if (word.endsWith('ing') && word.length > 5) word = undouble(word.slice(0, -3));
  else if (word.endsWith('ed') && word.length > 4) word = undouble(word.slice(0, -2));
  else if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);
  if (word.endsWith('e') && word.length > 3) word = word.slice(0, -1);
  if (word.endsWith('at') && word.length > 5) word = word.slice(0, -2); // validat(e) → valid, as validation
  if (word.endsWith('ific')) word = `${word.slice(0, -4)}ify`; // notific(ation) → notify
  return word;
}

function undouble(word: string): string {
  return DOUBLED.test(word) ? word.slice(0, -1) : word;
}
