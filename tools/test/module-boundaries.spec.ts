import { ESLint } from 'eslint';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parser } from 'typescript-eslint';

// The module boundaries are enforced by lint, and that holds with no Nx project graph cached (a fresh
// clone): `@nx/enforce-module-boundaries` skips itself then, the graph-free `a2a/*` rules do not.
const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const a2a = require(join(root, 'tools', 'eslint', 'workspace-plugin.js')) as ESLint.Plugin;

interface LintRun {
  exitCode: number;
  ruleIds: string[];
  messages: string[];
}

/** Lints `code` as if it were `file` of this repo, in a fresh ESLint process whose Nx workspace data is empty. */
function lintWithoutNxGraph(file: string, code: string): Promise<LintRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'a2a-no-nx-graph-'));
  const emptyNxData = join(scratch, 'nx');
  const report = join(scratch, 'report.json');
  const env = { ...process.env, NX_DAEMON: 'false', NX_WORKSPACE_DATA_DIRECTORY: emptyNxData, NX_CACHE_DIRECTORY: emptyNxData };
  const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
  // The JSON goes to a file: the Nx rule prints its "skipped" notice on stdout.
  const args = [eslintBin, '--format', 'json', '--output-file', report, '--stdin', '--stdin-filename', file];
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, args, { cwd: root, env }, (error, stdout, stderr) => {
      try {
        if (error && typeof error.code !== 'number') throw error;
        const [result] = JSON.parse(readFileSync(report, 'utf8')) as ESLint.LintResult[];
        resolve({
          exitCode: typeof error?.code === 'number' ? error.code : 0,
          ruleIds: result.messages.map((m) => m.ruleId ?? m.message),
          messages: result.messages.map((m) => m.message),
        });
      } catch (failure) {
        reject(new Error(`eslint on ${file} gave no report (${String(failure)}): ${stdout}${stderr}`));
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
    child.stdin?.end(code);
  });
}

describe('module boundaries hold with no Nx project graph cached', () => {
  jest.setTimeout(120_000);

  it('refuses core-graph importing orchestration (a layer upwards), although the Nx rule is skipped', async () => {
    const run = await lintWithoutNxGraph('libs/core-graph/src/planted.ts', "import { RunManager } from '@a2a-mcp/orchestration';\nexport const x = RunManager;\n");
    expect(run.ruleIds).toContain('a2a/layer-imports');
    // The state is the fresh-clone one: the Nx rule alone would have let this file pass.
    expect(run.ruleIds).not.toContain('@nx/enforce-module-boundaries');
    expect(run.exitCode).toBe(1);
  });

  it('refuses a relative import into another project and a package subpath that is not an entry point', async () => {
    const [relative, subpath] = await Promise.all([
      lintWithoutNxGraph('libs/orchestration/src/planted.ts', "import { parsePlan } from '../../planner/src/validate-plan';\nexport const x = parsePlan;\n"),
      lintWithoutNxGraph('apps/cli/src/planted.ts', "import { parsePlan } from '@a2a-mcp/planner/src/validate-plan';\nexport const x = parsePlan;\n"),
    ]);
    expect(relative.ruleIds).toEqual(['a2a/no-deep-imports']);
    expect(relative.messages[0]).toContain('@a2a-mcp/planner');
    expect(subpath.ruleIds).toEqual(['a2a/no-deep-imports']);
    expect(relative.exitCode).toBe(1);
    expect(subpath.exitCode).toBe(1);
  });

  it("refuses a workspace library and an npm package the project's package.json does not declare", async () => {
    const run = await lintWithoutNxGraph(
      'apps/cli/src/planted.ts',
      "import { RunManager } from '@a2a-mcp/orchestration';\nimport { Injectable } from '@nestjs/common';\nexport const x = [RunManager, Injectable];\n",
    );
    expect(run.ruleIds).toEqual(['a2a/declared-dependencies', 'a2a/declared-dependencies']);
    expect(run.messages[0]).toContain('apps/cli/package.json');
    expect(run.messages[1]).toContain('"@nestjs/common"');
  });

  it('refuses Nest in the plain-TypeScript layers', async () => {
    const run = await lintWithoutNxGraph('libs/planner/src/planted.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(run.ruleIds).toContain('no-restricted-imports');
    expect(run.exitCode).toBe(1);
  });

  it('accepts declared imports down the layers, and the testing entry point', async () => {
    const run = await lintWithoutNxGraph(
      'apps/cli/src/planted.ts',
      "import { validatePlan } from '@a2a-mcp/planner';\nimport { createStandaloneContext } from '@a2a-mcp/core-graph/testing';\nexport const x = [validatePlan, createStandaloneContext];\n",
    );
    expect(run.ruleIds).toEqual([]);
    expect(run.exitCode).toBe(0);
  });
});

describe('the a2a rules on a fixture workspace of real files', () => {
  let workspace: string;
  const write = (file: string, content: unknown) => {
    mkdirSync(dirname(join(workspace, file)), { recursive: true });
    writeFileSync(join(workspace, file), typeof content === 'string' ? content : JSON.stringify(content));
  };
  const lib = (name: string, tags: string[], dependencies: Record<string, string>, exports?: Record<string, string>) => {
    write(`libs/${name}/project.json`, { name, tags });
    write(`libs/${name}/package.json`, { name: `@ws/${name}`, version: '1.0.0', dependencies, ...(exports ? { exports } : {}) });
  };

  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'a2a-boundaries-'));
    write('nx.json', {});
    write('package.json', { name: 'ws', private: true, devDependencies: { jest: '30.0.0' } });
    write('tsconfig.base.json', { compilerOptions: { paths: {} } });
    lib('kernel', ['type:kernel'], {});
    lib('domain', ['type:domain'], { '@ws/kernel': '1.0.0' }, { '.': './dist/index.js', './testing': './dist/testing.js' });
    lib('feature', ['type:feature'], { '@ws/domain': '1.0.0' });
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  async function ruleIds(file: string, code: string): Promise<string[]> {
    write(file, code);
    const eslint = new ESLint({
      cwd: workspace,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser },
          plugins: { a2a },
          rules: { 'a2a/layer-imports': 'error', 'a2a/no-deep-imports': 'error', 'a2a/declared-dependencies': 'error' },
        },
      ],
    });
    const [result] = await eslint.lintFiles([join(workspace, file)]);
    return result.messages.map((m) => m.ruleId ?? m.message);
  }

  it('finds the layer, deep-import and manifest violations', async () => {
    // kernel imports a layer above it, which its manifest does not declare either: both rules speak.
    expect(await ruleIds('libs/kernel/src/up.ts', "export { x } from '@ws/domain';\n")).toEqual(['a2a/layer-imports', 'a2a/declared-dependencies']);
    expect(await ruleIds('libs/domain/src/deep.ts', "export { x } from '../../kernel/src/x';\n")).toEqual(['a2a/no-deep-imports']);
    expect(await ruleIds('libs/feature/src/sub.ts', "export { x } from '@ws/domain/src/x';\n")).toEqual(['a2a/no-deep-imports']);
    expect(await ruleIds('libs/feature/src/undeclared.ts', "export { x } from '@ws/kernel';\nexport { y } from 'left-pad';\n")).toEqual([
      'a2a/declared-dependencies',
      'a2a/declared-dependencies',
    ]);
  });

  it('accepts declared imports, declared entry points and shared dev tools in tests', async () => {
    expect(await ruleIds('libs/feature/src/fine.ts', "export { x } from '@ws/domain';\nexport { y } from '@ws/domain/testing';\n")).toEqual([]);
    expect(await ruleIds('libs/feature/test/fine.spec.ts', "import { expect } from 'jest';\nexport { y } from '../src/fine';\nexport const e = expect;\n")).toEqual([]);
  });
});
