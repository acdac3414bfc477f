/**
 * "Did you mean …?" for an unknown field: a known misspelling or synonym first (`dependsOn` →
 * `dependencies`), else the closest known name by edit distance, comparing without case, `_` or `-`.
 */

/** Keys longer than this are not compared (no field name comes close, and the cost stays small). */
const MAX_COMPARED_LENGTH = 64;

export interface FieldSuggester {
  suggest(key: string): string | undefined;
}

/**
 * @param names every name the object accepts (this format's and the original framework's)
 * @param synonyms other words people write for a field, as `synonym → field`; compared normalised
 */
export function fieldSuggester(names: readonly string[], synonyms: Readonly<Record<string, string>>): FieldSuggester {
  const bySynonym = new Map<string, string>();
  for (const [synonym, field] of Object.entries(synonyms)) bySynonym.set(normalise(synonym), field);
  const candidates = names.map((name) => ({ name, normalised: normalise(name) }));
  return {
    suggest(key) {
      if (key.length > MAX_COMPARED_LENGTH) return undefined;
      const wanted = normalise(key);
      const synonym = bySynonym.get(wanted);
      if (synonym !== undefined) return synonym;
      let best: string | undefined;
      let bestDistance = allowedDistance(wanted);
      let bestStyleDistance = Number.POSITIVE_INFINITY;
      for (const candidate of candidates) {
        const distance = editDistance(wanted, candidate.normalised, bestDistance + 1);
        if (distance > bestDistance) continue;
        // A tie goes to the name written in the key's style: `estimated_durations` → `estimated_duration`
        // (seconds), not `estimatedDuration` (milliseconds), so following the hint keeps the unit right.
        const styleDistance = editDistance(key.toLowerCase(), candidate.name.toLowerCase(), Number.POSITIVE_INFINITY);
        if (distance < bestDistance || styleDistance < bestStyleDistance) {
          best = candidate.name;
          bestDistance = distance;
          bestStyleDistance = styleDistance;
        }
      }
      return best;
    },
  };
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[_\-\s]/g, '');
}

/** Typos allowed: one in a short name, two in a medium one, three in a long one. */
function allowedDistance(name: string): number {
  if (name.length <= 4) return 1;
  return name.length <= 9 ? 2 : 3;
}

/** Levenshtein distance, or any value ≥ `cap` once it is known to reach `cap` (two rows, no recursion). */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin >= cap) return cap;
    previous = current;
  }
  return previous[b.length];
}
