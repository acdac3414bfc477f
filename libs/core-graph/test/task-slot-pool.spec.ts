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
    const never = new AbortController().signal;
    void third.acquire(never).then((p) => (order.push('third'), p.release()));
    void second.acquire(never).then((p) => (order.push('second'), p.release()));
    void first.acquire(never).then((p) => (order.push('first'), p.release()));
    held.release();
    await flush();
    expect(order).toEqual(['first', 'second', 'third']);
  });

  it('fifo: first asked, first served across runs', async () => {
    const pool = new TaskSlotPool(1, 'fifo');
    const [first, second] = [pool.lane(), pool.lane()];
    const held = first.tryAcquire() as SlotPermit;
    const order: string[] = [];
    const never = new AbortController().signal;
    void second.acquire(never).then((p) => (order.push('second'), p.release()));
    void first.acquire(never).then((p) => (order.push('first'), p.release()));
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
    const never = new AbortController().signal;
    const ask = (lane: typeof heavy, name: string) => lane.acquire(never).then((p) => (order.push(name), p.release()));
    const all = [];
    for (let i = 0; i < 6; i++) all.push(ask(heavy, 'H'));
    for (let i = 0; i < 3; i++) all.push(ask(light, 'L'));
    held.release();
    await Promise.all(all);
    expect(order.join('')).toBe('HLHHLHHLH');
  });

  it('an aborted wait leaves the queue without taking a slot', async () => {
    const pool = new TaskSlotPool(1);
    const lane = pool.lane();
    const held = lane.tryAcquire() as SlotPermit;
    const controller = new AbortController();
    const waiting = lane.acquire(controller.signal);
    expect(pool.waiting).toBe(1);
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(pool.waiting).toBe(0);
    held.release();
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
