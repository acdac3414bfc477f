import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The host's version, from libs/host/package.json, read when asked so it never drifts from the
 * package. The file sits two levels above both src/a2a (tests) and dist/a2a (the build).
 */
export function hostVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
