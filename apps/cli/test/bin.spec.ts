import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplePath, fixturePath } from './support/fake-io';

// End to end through the real launcher (bin/a2a-mcp.js → dist/main.js): exit codes as a shell
// sees them and a stdout that holds nothing but the JSON result.

const repoRoot = join(__dirname, '..', '..', '..');
const bin = join(repoRoot, 'apps', 'cli', 'bin', 'a2a-mcp.js');

function a2aMcp(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

// The bin runs the built CLI: the test target depends on the build (project.json), so no build here.
describe('the a2a-mcp bin', () => {
  it('exit 0 and exactly one JSON object on a piped stdout', () => {
    const { status, stdout, stderr } = a2aMcp('run', examplePath('ecommerce-order.json'), '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as { status: string; successful: string[] };
    expect(result.status).toBe('completed');
    expect(result.successful).toHaveLength(5);
  });

  it('exit 1 when the run completes partially, still with pure JSON', () => {
    const { status, stdout } = a2aMcp('run', examplePath('flaky-agents.json'), '--json');
    expect(status).toBe(1);
    expect((JSON.parse(stdout) as { status: string }).status).toBe('partial');
  });

  it('exit 2 with one line on stderr for a bad plan, nothing on stdout', () => {
    const { status, stdout, stderr } = a2aMcp('run', fixturePath('cycle.json'), '--json');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('dependency cycle');
  });

  it('--version prints the version of apps/cli/package.json', () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'apps', 'cli', 'package.json'), 'utf8')) as { version: string };
    expect(a2aMcp('--version')).toMatchObject({ status: 0, stdout: `${version}\n` });
  });

  it("'run --help' and 'help run' print run's own help; 'help' lists the commands", () => {
    const runHelp = a2aMcp('run', '--help');
    expect(runHelp.status).toBe(0);
    expect(runHelp.stdout).toMatch(/^Usage: a2a-mcp run <plan.json> \[options\]/);
    expect(a2aMcp('help', 'run').stdout).toBe(runHelp.stdout);
    const help = a2aMcp('help');
    expect(help.stdout).toMatch(/^Usage: a2a-mcp \[options\] \[command\]/);
    expect(help.stdout).toMatch(/^  runs /m);
  });

  it('an unknown command suggests the nearest one, exit 2', () => {
    const { status, stdout, stderr } = a2aMcp('rnu', examplePath('ecommerce-order.json'));
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`a2a-mcp: unknown command "rnu"; did you mean "run"? Run 'a2a-mcp help' for usage.\n`);
  });

  it('agents lists the demo agents', () => {
    const { status, stdout } = a2aMcp('agents');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^shipping_agent\s/m);
  });

  it('a piped run without --json prints the plain summary and no bar', () => {
    const { status, stdout, stderr } = a2aMcp('run', examplePath('uneven-pipelines.json'));
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Run [0-9a-f]{8} completed/);
    expect(stdout).not.toContain('\x1b');
  });
});
