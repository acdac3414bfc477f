import { main } from '../src/main';
import { examplePath, fakeIo, fixturePath, runCli } from './support/fake-io';

const BAR = /\[[#-]{20}\] \d+\/\d+ done/;

describe('output modes', () => {
  it('TTY: a live bar on stderr, erased at the end, then the table and summary on stdout', async () => {
    const { code, stdout, stderr } = await runCli(['run', examplePath('data-pipeline.json')], { tty: true, columns: 120 });
    expect(code).toBe(0);
    expect(stderr).toMatch(BAR);
    expect(stderr).toContain('running: validate, analytics, notify');
    expect(stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(stdout).not.toMatch(BAR);
    expect(stdout).toMatch(/^Run [0-9a-f]{8} completed: 4\/4 tasks completed\n/);
    expect(stdout).toMatch(/^TASK\s+STATUS\s+AGENT\s+ATTEMPTS\s+MS\s+QUALITY\s+ERROR$/m);
    expect(stdout).toMatch(/^aggregate\s+completed\s+reporting_agent\s+1\s+\d+/m);
    expect(stdout).toMatch(/strategy parallel · makespan \d+ ms · critical path .+ · total task time \d+ ms · parallel efficiency \d+%\n$/);
  });

  it('--json on a TTY: one JSON object on stdout and no bar anywhere', async () => {
    const { code, stdout, stderr } = await runCli(['run', examplePath('data-pipeline.json'), '--json'], { tty: true });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().startsWith('{')).toBe(true);
    expect(() => JSON.parse(stdout)).not.toThrow();
  });

  it('not a TTY: no bar, just the status line, table and summary', async () => {
    const { code, stdout, stderr } = await runCli(['run', examplePath('flaky-agents.json')]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Run [0-9a-f]{8} partial: 3\/5 tasks completed, 1 failed, 1 skipped\n/);
    expect(stdout).toMatch(/^broken\s+failed\s+simulator\s+2\s+\d+\s+-\s+SIMULATED_FAILURE: /m);
    expect(stdout).not.toMatch(BAR);
    expect(stdout).not.toContain('\x1b');
  });

  it('Ctrl-C cancels the run, prints what finished and exits 1', async () => {
    const io = fakeIo({ tty: true });
    const exit = main(['run', fixturePath('slow.json')], io);
    // Interrupt once the quick task is done and the slow one runs.
    await waitFor(() => io.stderr.text.includes('running: slow'));
    io.interrupt();
    expect(await exit).toBe(1);
    expect(io.stderr.text).toContain('a2a-mcp: interrupted; the run was cancelled');
    expect(io.stdout.text).toMatch(/cancelled: 1\/2 tasks completed, 1 cancelled/);
    expect(io.stdout.text).toMatch(/^quick\s+completed/m);
    expect(io.stdout.text).toMatch(/^slow\s+cancelled/m);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
