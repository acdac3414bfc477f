import { AttemptDeduplicator, type FinalFrame } from '../src';

const result = (key: string, output: unknown): FinalFrame => ({ kind: 'result', key, replicaId: 'r', output });

describe('AttemptDeduplicator', () => {
  it('runs a key once and hands the same outcome to every later claim', async () => {
    const dedup = new AttemptDeduplicator();
    let runs = 0;
    const run = async () => result('k', ++runs);
    const first = dedup.claim('k', run);
    const again = dedup.claim('k', run);
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    await expect(again.outcome).resolves.toEqual(await first.outcome);
    expect(runs).toBe(1);
  });

  it('forgets the least recently used key beyond its capacity, keeping a re-claimed one', () => {
    const dedup = new AttemptDeduplicator(2);
    const run = (key: string) => () => Promise.resolve(result(key, key));
    dedup.claim('a', run('a'));
    dedup.claim('b', run('b'));
    dedup.claim('a', run('a')); // a is now the most recent
    dedup.claim('c', run('c'));
    expect([dedup.has('a'), dedup.has('b'), dedup.has('c')]).toEqual([true, false, true]);
    expect(dedup.size).toBe(2);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new AttemptDeduplicator(0)).toThrow('dedup capacity must be an integer ≥ 1, got 0');
  });
});
