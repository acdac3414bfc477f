import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DotEnvError, loadDotEnv } from '../src/config/dot-env';

describe('loadDotEnv', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sets the variables the environment lacks, keeps the ones it has, and says which it set', () => {
    writeFileSync(join(dir, '.env'), '# local settings\nPORT=4000\nLOG_LEVEL=debug\nPLANNER_LLM_MODEL="llama 3"\nEMPTY=\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    expect(loadDotEnv({ path: join(dir, '.env'), env }).sort()).toEqual(['EMPTY', 'LOG_LEVEL', 'PLANNER_LLM_MODEL']);
    expect(env).toEqual({ PORT: '5000', LOG_LEVEL: 'debug', PLANNER_LLM_MODEL: 'llama 3', EMPTY: '' });
  });

  it('does nothing without a file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv({ path: join(dir, '.env'), env })).toEqual([]);
    expect(env).toEqual({});
  });

  it('refuses a .env it cannot read, naming it, with code INVALID_ENV_FILE', () => {
    mkdirSync(join(dir, '.env'));
    const attempt = () => loadDotEnv({ path: join(dir, '.env'), env: {} });
    expect(attempt).toThrow(DotEnvError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'INVALID_ENV_FILE', message: expect.stringContaining(`cannot read ${join(dir, '.env')}: EISDIR: illegal operation on a directory`) }));
  });
});
