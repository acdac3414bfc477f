import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { RunStoreSettings } from '../../src';

/** The built library (the test target builds it first): the child is a plain Node process, as a host is. */
const BUILT_LIBRARY = join(__dirname, '..', '..', 'dist');
/** Acknowledged batches before the child is killed. */
const ACKS_BEFORE_KILL = 5;

/**
 * A child process appends batches of 50 events to one run and prints the last seq of each batch as
 * soon as its append promise resolves; on the 5th line it is SIGKILLed (no close, no flush, a batch
 * possibly in flight). `readBack` then reads what the store kept, from this process.
 */
export async function appendUntilKilled(
  settings: Partial<RunStoreSettings> & Pick<RunStoreSettings, 'kind'>,
  readBack: (runId: string) => Promise<number[]>,
): Promise<{ acknowledged: number; stored: number[] }> {
  const runId = randomUUID();
  const script = `
    const { createRunStore } = require(${JSON.stringify(BUILT_LIBRARY)});
    const store = createRunStore(${JSON.stringify({ dataDir: '.', snapshotEvery: 1000, ...settings })});
    const runId = ${JSON.stringify(runId)};
    const event = (seq) => seq === 1
      ? { type: 'workflow_start', seq, runId, at: 0, strategy: 'hybrid', maxConcurrency: 1, parallelThreshold: 3, tasks: [{ id: 't', description: 'do t', agent: 'sim' }] }
      : { type: 'task_progress', seq, runId, at: seq, taskId: 't', pct: seq % 100 };
    (async () => {
      await store.init();
      await store.createRun({ runId, createdAt: new Date().toISOString(), plan: {}, strategy: 'hybrid', strategyReason: 'requested', settings: {} });
      for (let seq = 0; ; ) {
        const batch = [];
        for (let i = 0; i < 50; i++) batch.push(store.append(event(++seq)));
        await Promise.all(batch);
        process.stdout.write('acked ' + seq + '\\n');
      }
    })().catch((error) => { console.error(error); process.exit(1); });
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const acknowledged = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    let acks = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (++acks === ACKS_BEFORE_KILL) {
          child.kill('SIGKILL');
          resolve(Number(line.split(' ')[1]));
          return;
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`the writer exited (${code}) before it was killed: ${errors}`));
    });
  });
  await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  return { acknowledged, stored: await readBack(runId) };
}
