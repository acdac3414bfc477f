/** What a boolean setting may be, as error messages name it. */
export const ENV_BOOLEAN_ALLOWED = 'true, false, 1 or 0';

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
]);

/**
 * The one reading of a boolean environment variable (ENABLE_QUALITY_VALIDATION, ENABLE_OBSERVABILITY, …)
 * for the CLI and the host: true/false/1/0 in any case, spaces ignored. Unset or blank is `undefined`
 * (the caller's default applies: compose files often pass empty values); anything else is `'invalid'`,
 * which each caller reports its own way (the quality lib throws, the host collects every bad variable).
 */
export function parseEnvBoolean(raw: string | undefined): boolean | undefined | 'invalid' {
  if (raw === undefined || raw.trim() === '') return undefined;
  return BOOLEANS.get(raw.trim().toLowerCase()) ?? 'invalid';
}
