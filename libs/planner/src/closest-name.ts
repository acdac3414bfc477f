import { fieldSuggester } from './validation/suggest-field';

/**
 * The known name closest to `name` ("did you mean …?" for an unknown agent or command), compared
 * without case, `_` or `-`: a name two swapped neighbours away (`rnu` → `run`), else the closest within
 * a few typos; undefined when none is close.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const names = [...known];
  if (names.includes(name)) return name;
  const wanted = normalise(name);
  const swapped = names.find((candidate) => isOneSwapAway(wanted, normalise(candidate)));
  return swapped ?? fieldSuggester(names, {}).suggest(name);
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** `a` with two neighbouring characters swapped is `b`: the commonest typo, which edit distance counts as two. */
function isOneSwapAway(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const first = [...a].findIndex((char, i) => char !== b[i]);
  return first < a.length - 1 && a[first] === b[first + 1] && a[first + 1] === b[first] && a.slice(first + 2) === b.slice(first + 2);
}
