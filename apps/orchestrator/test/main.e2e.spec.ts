import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The built program as `npm start` runs it (the test target builds it first). Real processes: generous timeouts.
jest.setTimeout(60_000);

const main = join(__dirname, '..', 'dist', 'main.js');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs main.js in `cwd` with `env` on top of a clean environment, until it exits. */
function runToExit(env: Record<string, string>, cwd: string): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts main.js and resolves with everything printed up to the "listening" line, then stops it. */
function bootOutput(env: Record<string, string>, cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], { cwd, env: { PATH: process.env.PATH ?? '', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    const seen = (chunk: Buffer): void => {
      printed += chunk.toString();
      if (!/listening on/.test(printed)) return;
      child.once('exit', () => resolve(printed));
      child.kill('SIGTERM');
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => {
      if (!/listening on/.test(printed)) reject(new Error(`exited (${code}) before listening:\n${printed}`));
    });
  });
}

describe('apps/orchestrator main.js', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" (allowed: an integer from 0 to 65535)'],
    [{ MAX_CONCURRENT_TASKS: '-1' }, 'MAX_CONCURRENT_TASKS="-1" (allowed: an integer ≥ 1)'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL="loud" (allowed: one of error, warn, info, debug)'],
  ])('a bad %j prints one line with the code, the variable and what is allowed, no stack trace, and exits 1', async (env, problem) => {
    const exit = await runToExit(env, dir);
    expect(exit.code).toBe(1);
    expect(exit.stdout).toBe('');
    expect(exit.stderr).toBe(`a2a-mcp orchestrator: [INVALID_CONFIG] invalid configuration: ${problem}\n`);
    expect(exit.stderr).not.toMatch(/^\s+at /m);
  });

  it('boots quietly: one "listening on" line, Nest start-up lines only with LOG_LEVEL=debug', async () => {
    const quiet = await bootOutput({}, dir);
    expect(quiet).toMatch(/^a2a-mcp orchestrator listening on http:\/\/localhost:\d+ — API docs http:\/\/localhost:\d+\/docs\n$/);

    const chatty = await bootOutput({ LOG_LEVEL: 'debug' }, dir);
    expect(chatty).toMatch(/InstanceLoader/);
    expect(chatty).toMatch(/RoutesResolver/);
    expect(chatty).toMatch(/listening on/);
  });

  it('reads .env from the working directory; variables already set win over the file', async () => {
    writeFileSync(join(dir, '.env'), '# settings for this machine\nMAX_CONCURRENT_TASKS=-1\nORCHESTRATION_MODE="turbo"\n');
    const fromFile = await runToExit({}, dir);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain('ORCHESTRATION_MODE="turbo"');
    expect(fromFile.stderr).toContain('MAX_CONCURRENT_TASKS="-1"');

    const overridden = await runToExit({ MAX_CONCURRENT_TASKS: '8', ORCHESTRATION_MODE: 'basic', PORT: 'abc' }, dir);
    expect(overridden.code).toBe(1);
    expect(overridden.stderr).toBe('a2a-mcp orchestrator: [INVALID_CONFIG] invalid configuration: PORT="abc" (allowed: an integer from 0 to 65535)\n');
  });
});
