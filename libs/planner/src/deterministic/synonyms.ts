import { stem } from './text-tokens';

/**
 * Request words the demo agents' skills do not use, mapped to words they do (tags, names, examples).
 * Agents are not edited to fit the planner; a deployment's own agents should carry their vocabulary in
 * their skills' tags and examples, and this table only bridges common everyday wording. Keep it small:
 * each entry is a word a user plausibly types for a demo skill.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  paid: ['payment'],
  refund: ['payment'],
  bill: ['billing'],
  invoice: ['billing'],
  txt: ['text', 'sms'],
  sms: ['text'],
  dispatch: ['shipping'],
  deliver: ['delivery'],
  allocate: ['reserve'],
  examine: ['analyse'],
  evaluate: ['analyse'],
  assess: ['analyse'],
  tell: ['notify'],
  inform: ['notify'],
  ping: ['notify'],
  save: ['store'],
  persist: ['store'],
  cleanse: ['clean'],
  sanitise: ['clean'],
  ingest: ['process'],
  transform: ['process'],
  normalise: ['process'],
};

/** Stemmed request token → stemmed tokens it also stands for. */
const EXPANSIONS: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(SYNONYMS).map(([word, meanings]) => [stem(word), meanings.map((meaning) => stem(meaning))]),
);

/** The tokens plus what the synonym table adds for them, without repeats. */
export function withSynonyms(tokens: readonly string[]): string[] {
  const all = new Set(tokens);
  for (const token of tokens) for (const extra of EXPANSIONS.get(token) ?? []) all.add(extra);
  return [...all];
}
