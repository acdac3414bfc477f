import { fieldSuggester } from './validation/suggest-field';

/**
 * The known name closest to `name` ("did you mean …?" for an unknown agent or command), compared
 * without case, `_` or `-`, within a few typos; undefined when none is close.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const names = [...known];
  if (names.includes(name)) return name;
  return fieldSuggester(names, {}).suggest(name);
}
