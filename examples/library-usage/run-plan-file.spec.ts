import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '@a2a-mcp/core-graph';
import { PlanValidationError } from '@a2a-mcp/planner';
import { runPlanFile } from './run-plan-file';

const examples = join(__dirname, '..');

describe('the README library example (runPlanFile)', () => {
  let log: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  it('runs uneven-pipelines to its critical path on the virtual clock and prints each completed task', async () => {
    const result = await runPlanFile(join(examples, 'uneven-pipelines.json'), { clock: new VirtualClock() });
    expect(result.status).toBe('completed');
    // hybrid finishes at the critical path (each pipeline is 60 ms), not at the 100 ms of level-by-level
    expect(result.makespanMs).toBe(60);
    expect(result.criticalPathMs).toBe(60);
    const printed = log.mock.calls.map(([taskId, ms, score]) => [String(taskId), ms, typeof score]);
    expect(printed.map(([taskId]) => taskId).sort()).toEqual(['brief', 'chart_market', 'fetch_market', 'fetch_news', 'summarize_news']);
    expect(printed).toContainEqual(['summarize_news', 50, 'number']); // duration rounded, quality scored
  });

  it('refuses a bad plan naming the file, the task and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'library-usage-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ tasks: [{ id: 'a', description: 'x', agent: 'pigeon_agent', dependencies: [] }] }));
    await expect(runPlanFile(broken)).rejects.toThrow(PlanValidationError);
    await expect(runPlanFile(broken)).rejects.toThrow(/task "a".*unknown agent "pigeon_agent"/);

    writeFileSync(broken, '{"tasks": [');
    await expect(runPlanFile(broken)).rejects.toThrow(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: invalid JSON`));
  });
});
