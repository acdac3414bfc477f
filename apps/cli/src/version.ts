import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The CLI's version, read from apps/cli/package.json when asked, so it never drifts from the package.
 * The file sits one level above both src/ (tests) and dist/ (the built CLI).
 */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
