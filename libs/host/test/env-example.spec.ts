import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/** Every non-test TypeScript file of the projects the host and the CLI are built from. */
function sourceFiles(): string[] {
  // testing/: test helpers (the fuzz budget's FUZZ_RUNS and FC_SEED), never read by the host or the CLI.
  const skip = new Set(['dist', 'node_modules', 'test', 'testing', 'coverage']);
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skip.has(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
        files.push(path);
      }
    }
  };
  for (const top of ['libs', 'apps', 'examples']) {
    for (const entry of readdirSync(join(root, top), { withFileTypes: true })) if (entry.isDirectory()) walk(join(root, top, entry.name));
  }
  return files;
}

const NAME = "['\"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)['\"]";
/** The ways the code reads a variable: process.env.X / env.X / env['X'], EnvReader calls, and *_ENV constants. */
const READS = [
  /\benv\.([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\b/g,
  new RegExp(`\\benv\\[${NAME}\\]`, 'g'),
  new RegExp(`\\.(?:integer|choice|boolean|parsed|raw)\\(\\s*${NAME}`, 'g'),
];
/** `const X_ENV = 'NAME'` or `const X_ENV = { key: 'NAME', ... }` (up to the end of the statement). */
const ENV_CONSTANT = /\b[A-Z][A-Z0-9_]*_ENV\b[^=;]*=([^;]*);/g;

function variablesReadBy(text: string): string[] {
  const names: string[] = [];
  for (const pattern of READS) for (const match of text.matchAll(pattern)) names.push(match[1]);
  for (const constant of text.matchAll(ENV_CONSTANT)) {
    for (const match of constant[1].matchAll(new RegExp(NAME, 'g'))) names.push(match[1]);
  }
  return names;
}

/** The variables .env.example lists: `NAME=` lines, commented out or not. */
function listedVariables(): Set<string> {
  const text = readFileSync(join(root, '.env.example'), 'utf-8');
  return new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
}

describe('.env.example', () => {
  const readers = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    for (const name of variablesReadBy(readFileSync(file, 'utf-8'))) {
      readers.set(name, [...(readers.get(name) ?? []), relative(root, file)]);
    }
  }

  it('the scan finds the variables read in each way (so it can fail)', () => {
    expect([...readers.keys()]).toEqual(
      expect.arrayContaining(['PORT', 'LOG_LEVEL', 'MAX_BODY_BYTES', 'ENABLE_QUALITY_VALIDATION', 'PLANNER_LLM_URL', 'PLAN_MAX_TASKS', 'RUN_TIMEOUT_MS', 'CUSTOM_DEPENDENCIES_FILE']),
    );
    expect(variablesReadBy("const x = process.env.NEW_THING; r.integer('OTHER_ONE', 1, 0); const Y_ENV = { a: 'THIRD_ONE' };")).toEqual([
      'NEW_THING',
      'OTHER_ONE',
      'THIRD_ONE',
    ]);
  });

  it('lists every variable the host and the CLI read, with a comment above each', () => {
    const listed = listedVariables();
    const missing = [...readers.entries()].filter(([name]) => !listed.has(name)).map(([name, files]) => `${name} (read in ${files[0]})`);
    expect(missing).toEqual([]);
    const lines = readFileSync(join(root, '.env.example'), 'utf-8').split('\n');
    for (const [index, line] of lines.entries()) {
      if (/^#?\s*[A-Z][A-Z0-9_]*=/.test(line)) expect({ line, above: lines[index - 1] }).toEqual({ line, above: expect.stringMatching(/^# \S/) });
    }
  });
});
