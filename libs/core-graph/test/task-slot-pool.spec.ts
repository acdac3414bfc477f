import { TaskSlotPool, type SlotPermit } from '../src';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TaskSlotPool', () => {
  it('grants up to capacity at once, then makes callers wait', () => {
    const pool = new TaskSlotPool(2);
    const lane = pool.lane();
    expect(lane.tryAcquire()).toBeDefined();
    expect(lane.tryAcquire()).toBeDefined();
    expect(lane.tryAcquire()).toBeUndefined();
    expect(pool.inUse).toBe(2);
  });

  it('run-order: a freed slot goes to the earliest run that waits, whatever the order of asking', async () => {
    const pool = new TaskSlotPool(1, 'run-order');
    const [first, second, third] = [pool.lane(), pool.lane(), pool.lane()];
    const held = first.tryAcquire() as SlotPermit;
    const order: string[] = [];
        void third.acquire().then((p) => (order.push('third'), p.release()));
    void second.acquire().then((p) => (order.push('second'), p.release()));
    void first.acquire().then((p) => (order.push('first'), p.release()));
    held.release();
    await flush();
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('fifo: first asked, first served across runs', async () => {
    const pool = new TaskSlotPool(1, 'fifo');
    const [first, second] = [pool.lane(), pool.lane()];
    const held = first.tryAcquire() as SlotPermit;
    const order: string[] = [];
        void second.acquire().then((p) => (order.push('second'), p.release()));
    void first.acquire().then((p) => (order.push('first'), p.release()));
    held.release();
    await flush();
    expect(order).toEqual(['second', 'first']);
  });

  it('fair: runs waiting together are served in turn, in proportion to their weights', async () => {
    const pool = new TaskSlotPool(1, 'fair');
    const heavy = pool.lane({ weight: 2 });
    const light = pool.lane({ weight: 1 });
    const held = heavy.tryAcquire() as SlotPermit;
    const order: string[] = [];
        const ask = (lane: typeof heavy, name: string) => lane.acquire().then((p) => (order.push(name), p.release()));
    const all = [];
    for (let i = 0; i < 6; i++) all.push(ask(heavy, 'H'));
    for (let i = 0; i < 3; i++) all.push(ask(light, 'L'));
    held.release();
    await Promise.all(all);
    expect(order.join('')).toBe('HLHHLHHLH');
  });

  it('closing a lane rejects its waits, which leave the queue without taking a slot', async () => {
    const pool = new TaskSlotPool(1, 'fifo');
    const holder = pool.lane();
    const lane = pool.lane();
    const other = pool.lane();
    const held = holder.tryAcquire() as SlotPermit;
    const waits = [lane.acquire(), lane.acquire()];
    const otherWait = other.acquire();
    expect(pool.waiting).toBe(3);
    lane.close(new Error('run cancelled'));
    await expect(waits[0]).rejects.toThrow('run cancelled');
    await expect(waits[1]).rejects.toThrow('run cancelled');
    await expect(lane.acquire()).rejects.toThrow('run cancelled');
    expect(pool.waiting).toBe(1);
    held.release();
    (await otherWait).release();
    expect(pool.inUse).toBe(0);
  });

  it('releasing twice frees one slot only', () => {
    const pool = new TaskSlotPool(2);
    const permit = pool.lane().tryAcquire() as SlotPermit;
    pool.lane().tryAcquire();
    permit.release();
    permit.release();
    expect(pool.inUse).toBe(1);
  });

  it('refuses a bad capacity, policy or weight', () => {
    expect(() => new TaskSlotPool(0)).toThrow(RangeError);
    expect(() => new TaskSlotPool(2, 'lifo' as never)).toThrow(/policy/);
    expect(() => new TaskSlotPool(2).lane({ weight: 0 })).toThrow(/weight/);
  });
});
