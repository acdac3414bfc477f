import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplePath, fixturePath, runCli } from './support/fake-io';

/** Bad input: exit 2, nothing on stdout, exactly one line on stderr. */
async function expectBadInput(argv: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCli(argv);
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  return stderr.trimEnd();
}

describe('run with a bad plan', () => {
  it('names a missing file', async () => {
    const line = await expectBadInput(['run', 'no-such-plan.json']);
    expect(line).toBe('a2a-mcp: cannot read plan "no-such-plan.json": no such file');
  });

  it('gives line and column of a JSON syntax error', async () => {
    const line = await expectBadInput(['run', fixturePath('bad-json.json')]);
    expect(line).toMatch(/^a2a-mcp: plan ".*bad-json\.json": invalid JSON at line 4, column \d+/);
  });

  it('names the tasks of a dependency cycle and the field', async () => {
    const line = await expectBadInput(['run', fixturePath('cycle.json')]);
    expect(line).toContain('cycle');
    expect(line).toContain('first -> second -> first');
    expect(line).toContain('tasks[0].dependencies');
  });

  it('names the task and field of an unknown agent (checked against the demo registry)', async () => {
    const line = await expectBadInput(['run', fixturePath('unknown-agent.json'), '--json']);
    expect(line).toContain('task "translate"');
    expect(line).toContain('unknown agent "babel_fish"');
  });

  it('names the task and field of a negative duration and counts the other issues', async () => {
    const line = await expectBadInput(['run', fixturePath('negative-duration.json')]);
    expect(line).toContain('task "warmup"');
    expect(line).toContain('estimatedDuration');
    expect(line).toContain('-5');
    expect(line).toMatch(/\(2 more issues\)$/);
  });
});

describe('bad arguments', () => {
  const plan = examplePath('ecommerce-order.json');

  it.each([
    [['run', plan, '--concurrency', '0'], '--concurrency must be an integer >= 1, got "0"'],
    [['run', plan, '--concurrency', 'lots'], '--concurrency must be an integer >= 1'],
    [['run', plan, '--concurrency=-3'], '--concurrency must be an integer >= 1, got "-3"'],
    [['run', plan, '--concurrency', '-2'], '--concurrency must be an integer >= 1, got "-2"'],
    [['run', plan, '--parallel-threshold', '1.5'], '--parallel-threshold must be an integer >= 1, got "1.5"'],
    [['run', plan, '--strategy', 'fastest'], '--strategy must be one of sequential, parallel, hybrid, auto, got "fastest"'],
    [['run', plan, '--concurrency'], "'--concurrency"],
    [['run', plan, '--server', 'ftp://example'], '--server must be an http(s) URL such as http://localhost:3000, got "ftp://example"'],
    [['watch', 'abc'], 'watch needs --server <url>'],
    [['run', plan, '--verbose'], "unknown option '--verbose'"],
    [['validate', plan, '--strategy', 'hybrid'], "unknown option '--strategy'"],
    [['run'], 'missing plan file'],
    [['run', plan, 'extra.json'], 'unexpected argument "extra.json"'],
    [['launch', plan], 'unknown command "launch"'],
    [[], 'missing command'],
  ])('%j → exit 2 naming the problem', async (argv, expected) => {
    const line = await expectBadInput(argv);
    expect(line).toContain(expected);
  });

  it('adds a usage hint to unknown commands and options', async () => {
    expect(await expectBadInput(['launch'])).toContain("Run 'a2a-mcp help' for usage.");
    expect(await expectBadInput(['run', plan, '--fast'])).toContain("Run 'a2a-mcp help' for usage.");
  });
});

describe('help', () => {
  it.each([['help'], ['--help'], ['-h']])('%j lists every command and exits 0', async (...argv) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: a2a-mcp \[options\] \[command\]/);
    for (const command of ['run', 'plan', 'validate', 'watch', 'runs', 'agents', 'help']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(stdout).toContain('A2A_MCP_SERVER');
    expect(stdout).not.toContain('--parallel-threshold'); // run's own help has it
  });

  it.each([['run', '--help'], ['help', 'run'], ['run', '-h']])('%j prints run\'s own usage, options and defaults', async (...argv) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: a2a-mcp run <plan.json> \[options\]/);
    const flat = stdout.replace(/\s+/g, ' '); // help wraps at 100 columns off a terminal
    expect(flat).toMatch(/--parallel-threshold <n> parallel strategy: [^(]*\(default: the plan's, else 3\)/);
    expect(flat).toMatch(/--server <url> [^(]*\(default: \$A2A_MCP_SERVER/);
    expect(stdout).toContain('DEFAULT_TASK_TIMEOUT_MS');
    expect(stdout).not.toMatch(/^  validate /m);
  });

  it.each([['watch'], ['validate'], ['plan'], ['agents'], ['runs', 'list']])('%j --help describes every option with a default', async (...command) => {
    const { code, stdout } = await runCli([...command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: a2a-mcp ${command.join(' ')}`);
    // One entry per option: a wrapped description continues on lines that do not start with "-".
    const options = stdout.split('Options:')[1].split(/\n(?=\s+-)/).filter((entry) => /^\s+--(?!help)/.test(entry));
    expect(options.length).toBeGreaterThan(0);
    for (const line of options) expect(line).toContain('(default: ');
  });

  it('--version prints the version of apps/cli/package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${version}\n`);
  });
});

describe('did you mean', () => {
  it.each([
    [['rnu', 'plan.json'], 'unknown command "rnu"; did you mean "run"?'],
    [['valdate'], 'unknown command "valdate"; did you mean "validate"?'],
    [['agnets'], 'unknown command "agnets"; did you mean "agents"?'],
    [['runs', 'lsit'], `unknown command 'lsit'; did you mean "list"? Run 'a2a-mcp help' for usage.`],
    [['run', examplePath('ecommerce-order.json'), '--jsn'], "unknown option '--jsn'; did you mean \"--json\"?"],
    [['agents', 'shiping_agent'], 'unknown agent "shiping_agent"; did you mean "shipping_agent"?'],
  ])('%j → exit 2 and the nearest name', async (argv, expected) => {
    expect(await expectBadInput(argv)).toContain(expected);
  });

  it('an unknown agent in a plan names the task and the nearest agent', async () => {
    const line = await expectBadInput(['run', fixturePath('misspelt-agent.json')]);
    expect(line).toContain('task "ship"');
    expect(line).toContain('unknown agent "shiping_agent" (did you mean "shipping_agent"?');
  });

  it('validate --json carries the suggestion in the issue, with its task id', async () => {
    const { code, stdout } = await runCli(['validate', fixturePath('misspelt-agent.json'), '--json']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as { issues: { code: string; taskId: string; message: string }[] };
    expect(report.issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_AGENT', taskId: 'ship', message: expect.stringContaining('did you mean "shipping_agent"?') })]);
  });

  it('an agent name nothing is close to gets no guess', async () => {
    const line = await expectBadInput(['run', fixturePath('unknown-agent.json')]);
    expect(line).not.toContain('did you mean');
  });
});

describe('validate', () => {
  it('accepts a good plan and summarises it', async () => {
    const { code, stdout, stderr } = await runCli(['validate', examplePath('ecommerce-order.json')]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('is valid: 5 tasks in 2 levels');
    expect(stdout).toContain('critical path payment → shipping (100 ms estimated)');
  });

  it('prints the analysis as JSON', async () => {
    const { code, stdout } = await runCli(['validate', examplePath('uneven-pipelines.json'), '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { ok: boolean; issues: unknown[]; analysis: { levels: string[][] } };
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([]);
    expect(report.analysis.levels).toHaveLength(3);
  });

  it('rejects a bad plan with one line naming the first issue', async () => {
    const line = await expectBadInput(['validate', fixturePath('negative-duration.json')]);
    expect(line).toContain('task "warmup" (tasks[0]): estimatedDuration');
  });

  it('prints every issue with --json, and exits 2', async () => {
    const { code, stdout, stderr } = await runCli(['validate', fixturePath('negative-duration.json'), '--json']);
    expect(code).toBe(2);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as { ok: boolean; issues: { code: string; taskId?: string; path: string }[] };
    expect(report.ok).toBe(false);
    expect(report.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['tasks[0].estimatedDuration', 'tasks[1].maxRetries', 'tasks[1].timeoutMs']),
    );
    expect(report.issues).toHaveLength(3);
  });

  it('reports JSON syntax errors as an issue with --json', async () => {
    const { code, stdout } = await runCli(['validate', fixturePath('bad-json.json'), '--json']);
    expect(code).toBe(2);
    const report = JSON.parse(stdout) as { issues: { code: string; line?: number }[] };
    expect(report.issues[0]).toMatchObject({ code: 'INVALID_JSON', line: 4 });
  });
});
