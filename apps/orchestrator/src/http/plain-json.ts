/**
 * A validated DTO instance as plain JSON for the plain libs (which check plain objects): the
 * whitelist has already removed everything the DTO does not declare.
 */
export function plainJson<T>(dto: unknown): T {
  return JSON.parse(JSON.stringify(dto)) as T;
}
