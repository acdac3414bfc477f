import fc from 'fast-check';
import './support/property-settings';
import { BinaryHeap } from '../src/collections/binary-heap';
import { IntLists } from '../src/collections/int-lists';
import { RankedQueue } from '../src/collections/ranked-queue';

function listOf(lists: IntLists, owner: number): number[] {
  const out: number[] = [];
  for (let e = lists.first(owner); e !== IntLists.NONE; e = lists.next(e)) out.push(lists.value(e));
  return out;
}

describe('IntLists', () => {
  it('keeps each owner its own list in insertion order, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.integer({ min: -5, max: 1000 })), { maxLength: 300 }), fc.nat(50), (pushes, extraOwners) => {
        const lists = new IntLists(1, 1);
        const model: number[][] = [];
        let owners = 0;
        for (const [owner, value] of pushes) {
          if (owner >= owners) {
            owners = owner + 1;
            lists.growOwners(owners);
            while (model.length < owners) model.push([]);
          }
          lists.push(owner, value);
          model[owner].push(value);
        }
        lists.growOwners(owners + extraOwners);
        expect(lists.owners).toBe(owners + extraOwners);
        expect(lists.entries).toBe(pushes.length);
        for (let owner = 0; owner < owners + extraOwners; owner++) {
          const expected = model[owner] ?? [];
          expect(listOf(lists, owner)).toEqual(expected);
          expect(lists.countOf(owner)).toBe(expected.length);
          expect(lists.mapped(owner, ['x', 'y'])).toEqual(expected.map((v) => ['x', 'y'][v]));
          for (const probe of [expected[0], -7]) if (probe !== undefined) expect(lists.includes(owner, probe)).toBe(expected.includes(probe));
        }
      }),
    );
  });
});

describe('RankedQueue', () => {
  interface Entry {
    position: number;
    rank: number;
    priority: number;
  }
  const byRank = (a: Entry, b: Entry): boolean => {
    if (a.rank !== b.rank) return a.rank > b.rank;
    if (a.priority !== b.priority) return a.priority > b.priority;
    return a.position < b.position;
  };

  it('comes out in the order of a BinaryHeap by (rank desc, priority desc, position asc), ties included', () => {
    const op = fc.oneof(
      fc.record({ rank: fc.integer({ min: 0, max: 4 }), priority: fc.integer({ min: -1, max: 2 }) }),
      fc.constant('pop' as const),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const queue = new RankedQueue();
        const heap = new BinaryHeap<Entry>(byRank);
        let position = 0;
        for (const o of ops) {
          if (o === 'pop') {
            expect(queue.pop()).toBe(heap.pop()?.position ?? -1);
          } else {
            queue.push(position, o.rank, o.priority);
            heap.push({ position: position++, ...o });
          }
          expect(queue.size).toBe(heap.size);
          expect(queue.peek()).toBe(heap.peek()?.position ?? -1);
        }
        const stored: number[] = [];
        for (let slot = 0; slot < queue.size; slot++) stored.push(queue.positionAt(slot));
        expect(stored.sort((a, b) => a - b)).toEqual([...heap.values()].map((e) => e.position).sort((a, b) => a - b));
        queue.clear();
        expect([queue.size, queue.peek(), queue.pop()]).toEqual([0, -1, -1]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('BinaryHeap and RankedQueue on their own (against a sorted array)', () => {
  /** Pushes and pops, checked against a model kept sorted by plain Array.sort. */
  const ops = fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -50, max: 50 }) }, { weight: 1, arbitrary: fc.constant(null) }), { maxLength: 400 });

  it('BinaryHeap: every pop and peek is the least item pushed and not yet popped; draining yields sorted order', () => {
    fc.assert(
      fc.property(ops, (script) => {
        const heap = new BinaryHeap<number>((a, b) => a < b);
        const model: number[] = [];
        for (const op of script) {
          if (op === null) {
            model.sort((a, b) => a - b);
            expect(heap.pop()).toBe(model.shift());
          } else {
            heap.push(op);
            model.push(op);
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model.length === 0 ? undefined : Math.min(...model));
        }
        const drained: number[] = [];
        for (let item = heap.pop(); item !== undefined; item = heap.pop()) drained.push(item);
        expect(drained).toEqual(model.sort((a, b) => a - b));
        expect([heap.size, heap.peek(), heap.pop()]).toEqual([0, undefined, undefined]);
      }),
      { numRuns: 300 },
    );
  });

  it('RankedQueue: pops by rank desc, then priority desc, then position asc, across growth', () => {
    const entry = fc.record({ rank: fc.integer({ min: 0, max: 3 }), priority: fc.integer({ min: -2, max: 2 }) });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 200 }), (entries) => {
        const queue = new RankedQueue();
        entries.forEach((e, position) => queue.push(position, e.rank, e.priority));
        const expected = entries
          .map((e, position) => ({ ...e, position }))
          .sort((a, b) => b.rank - a.rank || b.priority - a.priority || a.position - b.position)
          .map((e) => e.position);
        const popped: number[] = [];
        while (queue.size > 0) popped.push(queue.pop());
        expect(popped).toEqual(expected);
        expect(queue.pop()).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });
});
