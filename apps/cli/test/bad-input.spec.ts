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
  it.each([['help'], ['--help'], ['-h'], ['run', '--help']])('%j prints the usage and exits 0', async (...argv) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('a2a-mcp run <plan.json>');
    expect(stdout).toContain('--parallel-threshold');
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
