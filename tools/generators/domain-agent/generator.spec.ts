import { getProjects, logger, readJson, readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import { compileOutputSchema } from '@a2a-mcp/quality';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { AGENT_NAME_PATTERN, domainAgentGenerator, generateDomainAgent, type DomainAgentGeneratorSchema } from './generator';

// Runs the generator on a virtual tree holding the workspace's real tsconfig.base.json, then writes
// the generated sources to tmp/gen-<random>/ inside the repo (gitignored; '@a2a-mcp/*' and '@nestjs/*'
// resolve from there), type-checks them with the compiler API, runs the generated agent, and runs
// the generated spec itself. Any broken template fails one of these.

const workspaceRoot = join(__dirname, '..', '..', '..');
const realTsconfigBase = readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf-8');

function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.write('tsconfig.base.json', realTsconfigBase);
  return tree;
}

function aliases(tree: Tree): Record<string, string[]> {
  return readJson(tree, 'tsconfig.base.json').compilerOptions.paths;
}

/** Every file under `dir` in the tree, as paths relative to the tree root. */
function filesUnder(tree: Tree, dir: string): string[] {
  if (tree.isFile(dir)) return [dir];
  return tree
    .children(dir)
    .flatMap((child) => filesUnder(tree, `${dir}/${child}`))
    .sort();
}

// Two agents in one tree: the canonical example, and one with a longer name, its own directory and
// a description full of characters that must be escaped in TypeScript and JSON.
const fraud: DomainAgentGeneratorSchema = { name: 'fraud_check' };
const kyc: DomainAgentGeneratorSchema = {
  name: 'kyc2_address_screening',
  directory: 'libs/agents-extra/kyc-screening/',
  description: `Screens a customer's address ("KYC") against C:\\lists — it's strict.`,
  tags: 'scope:compliance, type:feature',
};

const generatedTree = workspaceTree();
const fraudDone = generateDomainAgent(generatedTree, fraud);
generateDomainAgent(generatedTree, kyc);

const tmpDir = join(workspaceRoot, 'tmp', `gen-${randomBytes(6).toString('hex')}`);
const fraudRoot = 'libs/fraud-check-agent';
const kycRoot = 'libs/agents-extra/kyc-screening';

// Materialised at collection time so the generated spec can be loaded into this suite below.
for (const file of [...filesUnder(generatedTree, fraudRoot), ...filesUnder(generatedTree, kycRoot)]) {
  const target = join(tmpDir, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, generatedTree.read(file)!);
}

afterAll(() => rmSync(tmpDir, { recursive: true, force: true }));

describe('domain-agent generator: files', () => {
  it('scaffolds a library project with the agent, its module, their test and the build/test configuration', () => {
    expect(filesUnder(generatedTree, fraudRoot)).toEqual(
      [
        'README.md',
        'jest.config.js',
        'package.json',
        'project.json',
        'src/fraud-check-agent.module.ts',
        'src/fraud-check.agent.spec.ts',
        'src/fraud-check.agent.ts',
        'src/index.ts',
        'tsconfig.json',
        'tsconfig.lib.json',
        'tsconfig.spec.json',
      ]
        .map((file) => `${fraudRoot}/${file}`)
        .sort(),
    );
  });

  it('registers an Nx project tagged type:feature with the lint/typecheck/test/build targets of the other libraries', () => {
    const project = readProjectConfiguration(generatedTree, 'fraud-check-agent');
    expect(project).toMatchObject({ root: fraudRoot, sourceRoot: `${fraudRoot}/src`, projectType: 'library', tags: ['type:feature'] });
    expect(Object.keys(project.targets ?? {}).sort()).toEqual(['build', 'lint', 'test', 'typecheck']);
    expect(readProjectConfiguration(generatedTree, 'kyc-screening').tags).toEqual(['type:feature', 'scope:compliance']);
    expect(readJson(generatedTree, `${fraudRoot}/package.json`)).toMatchObject({ name: '@a2a-mcp/fraud-check-agent', main: 'dist/index.js' });
    expect(readJson(generatedTree, `${kycRoot}/project.json`).$schema).toBe('../../../node_modules/nx/schemas/project-schema.json');
    expect(readJson(generatedTree, `${kycRoot}/tsconfig.json`).extends).toBe('../../../tsconfig.base.json');
    expect(generatedTree.read(`${kycRoot}/jest.config.js`, 'utf-8')).toContain("require('../../../jest.preset.js')");
  });

  it('adds the import aliases to tsconfig.base.json and keeps every existing one', () => {
    const before = JSON.parse(realTsconfigBase).compilerOptions.paths as Record<string, string[]>;
    expect(aliases(generatedTree)).toEqual({
      ...before,
      '@a2a-mcp/fraud-check-agent': ['./libs/fraud-check-agent/src/index.ts'],
      '@a2a-mcp/kyc-screening': ['./libs/agents-extra/kyc-screening/src/index.ts'],
    });
  });

  it('names the agent, its skill and its classes after the snake_case name', () => {
    const agent = generatedTree.read(`${kycRoot}/src/kyc2-address-screening.agent.ts`, 'utf-8')!;
    expect(agent).toContain("export const KYC2_ADDRESS_SCREENING_AGENT = 'kyc2_address_screening';");
    expect(agent).toContain('export class Kyc2AddressScreeningAgent implements DomainAgentExecutor');
    expect(agent).toContain("tags: ['kyc2', 'address', 'screening', 'kyc2_address_screening'],");
    expect(generatedTree.read(`${kycRoot}/src/kyc2-address-screening-agent.module.ts`, 'utf-8')).toContain(
      'export class Kyc2AddressScreeningAgentModule',
    );
  });

  it('prints the next steps once the files are written', () => {
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    fraudDone();
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0][0]).toContain('npx nx run-many -p fraud-check-agent -t lint typecheck test');
    expect(info.mock.calls[0][0]).toContain('FraudCheckAgentModule.forFeature()');
    info.mockRestore();
  });

  it('is the default export Nx loads, and resolves asynchronously', async () => {
    const tree = workspaceTree();
    await domainAgentGenerator(tree, { name: 'demo_probe' });
    expect(getProjects(tree).get('demo-probe-agent')?.root).toBe('libs/demo-probe-agent');
  });
});

describe('domain-agent generator: the entry point Nx loads', () => {
  jest.setTimeout(120_000);
  const toolsRoot = join(__dirname, '..', '..');

  it('is the factory generators.json names (index.js compiles generator.ts, no TS loader needed)', async () => {
    const generators = JSON.parse(readFileSync(join(toolsRoot, 'generators.json'), 'utf-8'));
    expect(JSON.parse(readFileSync(join(toolsRoot, 'package.json'), 'utf-8')).generators).toBe('./generators.json');
    const [file, exportName] = (generators.generators['domain-agent'].factory as string).split('#');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const entry = require(join(toolsRoot, file));
    expect(entry[exportName]).toEqual(expect.any(Function));
    const tree = workspaceTree();
    await entry[exportName](tree, { name: 'entry_probe' });
    expect(tree.read('libs/entry-probe-agent/src/entry-probe.agent.ts', 'utf-8')).toContain('export class EntryProbeAgent');
  });

  // `npx nx g ...` as a user types it (also when run under `nx run tools:test`, which forces colours).
  function nxGenerate(...args: string[]): { status: number | null; output: string } {
    const nx = spawnSync(process.execPath, [join(workspaceRoot, 'node_modules/nx/dist/bin/nx.js'), 'g', ...args, '--dry-run', '--no-interactive'], {
      cwd: workspaceRoot,
      encoding: 'utf-8',
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 110_000,
    });
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
    return { status: nx.status, output: `${nx.stdout}${nx.stderr}`.replace(ansi, '') };
  }

  it('runs from the command line: `nx g ./tools:domain-agent <name> --dry-run` lists the files and writes nothing', () => {
    const { status, output } = nxGenerate('./tools:domain-agent', 'cli_probe');
    expect({ status, output }).toMatchObject({ status: 0 });
    expect(output).toContain('CREATE libs/cli-probe-agent/src/cli-probe.agent.ts');
    expect(output).toContain('CREATE libs/cli-probe-agent/src/cli-probe.agent.spec.ts');
    expect(output).toContain('UPDATE tsconfig.base.json');
    expect(existsSync(join(workspaceRoot, 'libs/cli-probe-agent'))).toBe(false);
    expect(readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf-8')).not.toContain('cli-probe-agent');

    const refused = nxGenerate('./tools:domain-agent', 'Bad-Name');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('domain-agent: name must be snake_case');
  });
});

describe('domain-agent generator: refusals', () => {
  function refusal(schema: DomainAgentGeneratorSchema, prepare: (tree: Tree) => void = () => undefined): string {
    const tree = workspaceTree();
    prepare(tree);
    const changesBefore = tree.listChanges().length;
    let message = '';
    try {
      generateDomainAgent(tree, schema);
    } catch (error) {
      message = (error as Error).message;
    }
    // A refused run writes nothing.
    expect(tree.listChanges()).toHaveLength(changesBefore);
    return message;
  }

  it.each(['FraudCheck', 'fraud-check', '1fraud', 'fraud check', 'fraud__check', 'fraud_', '_fraud', 'fraud.check'])(
    'refuses the name %j with a clear error',
    (name) => {
      expect(AGENT_NAME_PATTERN.test(name)).toBe(false);
      expect(refusal({ name })).toMatch(/^domain-agent: name must be snake_case .* got "/);
    },
  );

  it('requires a name', () => {
    expect(refusal({ name: '' })).toMatch(/the agent name is required/);
    expect(refusal({} as DomainAgentGeneratorSchema)).toMatch(/the agent name is required/);
  });

  it('refuses a project name that exists, naming where', () => {
    const message = refusal(fraud, (tree) => {
      tree.write('examples/fraud-check-agent/project.json', JSON.stringify({ name: 'fraud-check-agent', root: 'examples/fraud-check-agent' }));
    });
    expect(message).toMatch(/a project named "fraud-check-agent" already exists \(examples\/fraud-check-agent\).*--directory/);
  });

  it('refuses a directory outside the workspace or a non-empty one', () => {
    expect(refusal({ name: 'fraud_check', directory: '../elsewhere' })).toMatch(/directory must be a path inside the workspace/);
    expect(refusal({ name: 'fraud_check', directory: '/abs/fraud' })).toMatch(/directory must be a path inside the workspace/);
    expect(refusal({ name: 'fraud_check', directory: 'libs/Fraud_Check' })).toMatch(/kebab-case folder name/);
    expect(refusal(fraud, (tree) => tree.write('libs/fraud-check-agent/notes.txt', 'mine'))).toMatch(
      /libs\/fraud-check-agent already exists and is not empty/,
    );
  });

  it('refuses an import alias that is already mapped', () => {
    const message = refusal(fraud, (tree) => {
      const json = JSON.parse(realTsconfigBase);
      json.compilerOptions.paths['@a2a-mcp/fraud-check-agent'] = ['./somewhere/index.ts'];
      tree.write('tsconfig.base.json', JSON.stringify(json));
    });
    expect(message).toMatch(/already maps @a2a-mcp\/fraud-check-agent/);
  });
});

describe('domain-agent generator: the generated code compiles', () => {
  jest.setTimeout(120_000);

  it('type-checks with zero diagnostics against the workspace libraries, also through the new import aliases', () => {
    const consumer = join(tmpDir, 'consumer.ts');
    writeFileSync(
      consumer,
      [
        "import { FRAUD_CHECK_AGENT, FRAUD_CHECK_SKILL, FraudCheckAgent, FraudCheckAgentModule } from '@a2a-mcp/fraud-check-agent';",
        "import { Kyc2AddressScreeningAgent, Kyc2AddressScreeningAgentModule } from '@a2a-mcp/kyc-screening';",
        'export const agents: string[] = [FRAUD_CHECK_AGENT, FRAUD_CHECK_SKILL.id, FraudCheckAgent.name, Kyc2AddressScreeningAgent.name];',
        'export const modules = [FraudCheckAgentModule.forFeature(), Kyc2AddressScreeningAgentModule.forFeature()];',
        '',
      ].join('\n'),
    );

    // The compiler options of tsconfig.base.json (+ jest types, as the generated tsconfig.spec.json),
    // with the paths the generator wrote; the generated aliases point into the temp dir.
    const generatedBase = JSON.parse(generatedTree.read('tsconfig.base.json', 'utf-8')!);
    const parsed = ts.parseJsonConfigFileContent(generatedBase, ts.sys, workspaceRoot);
    const paths: Record<string, string[]> = {};
    for (const [alias, targets] of Object.entries(aliases(generatedTree))) {
      const isGenerated = alias === '@a2a-mcp/fraud-check-agent' || alias === '@a2a-mcp/kyc-screening';
      paths[alias] = targets.map((target) => join(isGenerated ? tmpDir : workspaceRoot, target));
    }
    const options: ts.CompilerOptions = { ...parsed.options, paths, types: ['node', 'jest'], noEmit: true };
    const rootNames = [
      ...filesUnder(generatedTree, fraudRoot),
      ...filesUnder(generatedTree, kycRoot),
    ]
      .filter((file) => file.endsWith('.ts'))
      .map((file) => join(tmpDir, file))
      .concat(consumer);
    expect(rootNames).toHaveLength(9);

    const program = ts.createProgram(rootNames, options);
    // Only what the generated files cause: a workspace library being edited elsewhere must not fail this test.
    const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...ts.getPreEmitDiagnostics(program)]
      .filter((d) => d.file === undefined || d.file.fileName.startsWith(tmpDir))
      .map((d) => {
        const where = d.file ? `${d.file.fileName.slice(tmpDir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : '';
        return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect([...new Set(diagnostics)]).toEqual([]);
    // The program really resolved the libraries, not `any` stand-ins.
    expect(program.getSourceFiles().some((file) => file.fileName.endsWith('libs/orchestration/src/agents/domain-agent.decorator.ts'))).toBe(true);
  });
});

describe('domain-agent generator: the generated agent runs', () => {
  it('executes once and returns an output its outputSchema accepts', async () => {
    // Loaded through Jest (SWC, the workspace aliases), as the generated project's own test target does.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require(join(tmpDir, kycRoot, 'src/index.ts'));
    const progress: number[] = [];
    const slept: number[] = [];
    const ctx: TaskContext = {
      runId: 'r',
      taskId: 't',
      attempt: 1,
      idempotencyKey: 'r/t/1',
      signal: new AbortController().signal,
      progress: (pct) => progress.push(pct),
      artifact: () => undefined,
      requestInput: () => Promise.reject(new Error('unexpected')),
      sleep: async (ms) => void slept.push(ms),
      now: () => 0,
    };
    const task: TaskRequest = {
      runId: 'r',
      taskId: 't',
      description: 'Screen the address',
      agent: 'kyc2_address_screening',
      input: { durationMs: 5 },
      dependencyOutputs: {},
      metadata: {},
    };
    const output = await new lib.Kyc2AddressScreeningAgent().execute(task, ctx);

    const schema = lib.KYC2_ADDRESS_SCREENING_SKILL.metadata.outputSchema;
    expect(schema.required.length).toBeGreaterThan(0);
    const validate = compileOutputSchema(schema);
    expect(validate(output)).toBe(true);
    expect(slept).toEqual([5]);
    expect(progress).toEqual([0, 100]);
    expect(lib.KYC2_ADDRESS_SCREENING_SKILL.description).toBe(kyc.description);
  });
});

describe('domain-agent generator: the generated spec passes', () => {
  // The generated test file, loaded here so its describe/it blocks run as part of this suite.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(tmpDir, fraudRoot, 'src/fraud-check.agent.spec.ts'));
});
