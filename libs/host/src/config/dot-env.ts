import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

/** A `.env` file that exists but cannot be read (a directory, no permission). */
export class DotEnvError extends Error {
  readonly code = 'INVALID_ENV_FILE' as const;

  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`cannot read ${path}: ${reason}`);
    this.name = 'DotEnvError';
  }
}

export interface DotEnvOptions {
  /** The file; default `.env` in the working directory. */
  path?: string;
  /** Where the variables go; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Loads `.env` (KEY=value lines, # comments, quotes) into the environment if the file exists.
 * Variables already set win over the file, so `PORT=4000 npm start` beats a PORT line. Returns the
 * names it set (empty when there is no file). Plain Node, no Nest: the CLI can call it too.
 */
export function loadDotEnv(options: DotEnvOptions = {}): string[] {
  const path = resolve(options.path ?? '.env');
  const env = options.env ?? process.env;
  let text: string;
  try {
    text = readFileSync(path, 'utf-8');
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    if (failure.code === 'ENOENT') return [];
    throw new DotEnvError(path, typeof failure.message === 'string' ? failure.message : String(error));
  }
  const set: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}
