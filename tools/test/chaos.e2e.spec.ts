import { spawn } from 'node:child_process';
import { join } from 'node:path';

// Ten SIGKILLs of the real host with restarts between them, over the real NATS: slow by nature.
jest.setTimeout(600_000);

interface ChaosSummary {
  kills: number;
  restarts: number;
  runs: number;
  acknowledged: number;
  tasksCompleted: number;
  events: number;
  redispatchedAttempts: number;
  streamReconnects: number;
  violations: number;
  violationList: string[];
}

function chaos(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(__dirname, '../chaos/chaos.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run chaos (short: 10 kills)', () => {
  it('every run completes after 10 SIGKILLs of the host: no task twice, no event lost or duplicated, gapless sequences', async () => {
    const { code, stdout, stderr } = await chaos(['--kills', '10', '--seed', '7', '--json', '--quiet']);
    if (code !== 0) throw new Error(`chaos exited ${code}\n${stdout}\n${stderr}`);
    const summary = JSON.parse(stdout) as ChaosSummary;
    expect(summary.violationList).toEqual([]);
    expect(summary.kills).toBe(10);
    expect(summary.restarts).toBe(10);
    expect(summary.acknowledged).toBeGreaterThan(10);
    expect(summary.tasksCompleted).toBeGreaterThan(summary.runs * 3 - 1);
    // The kills landed mid-run: streams had to resume, and in-flight attempts were dispatched again.
    expect(summary.streamReconnects).toBeGreaterThan(0);
    expect(summary.redispatchedAttempts).toBeGreaterThan(0);
  });

  it('refuses a bad option with a clear message', async () => {
    const { code, stderr } = await chaos(['--kills', 'many']);
    expect(code).toBe(2);
    expect(stderr).toContain('--kills must be a non-negative integer, got "many"');
  });
});
