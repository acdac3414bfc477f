/**
 * A binary heap of task positions ordered by rank (highest first), then priority (highest first),
 * then position (lowest first). The keys sit beside each entry in typed arrays, so comparing two
 * entries reads this heap only, not two task objects scattered over a large heap; with every rank
 * and priority 0 it is plain position (plan) order. Same algorithm as BinaryHeap, entry for entry.
 */
export class RankedQueue {
  private positions = new Int32Array(16);
  private ranks = new Float64Array(16);
  private priorities = new Float64Array(16);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The first position, or -1 when empty. */
  peek(): number {
    return this.count > 0 ? this.positions[0] : -1;
  }

  /** Position of the entry stored at `slot` (storage order, not priority order); for rebuilding. */
  positionAt(slot: number): number {
    return this.positions[slot];
  }

  push(position: number, rank: number, priority: number): void {
    if (this.count === this.positions.length) this.grow();
    let i = this.count++;
    this.set(i, position, rank, priority);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns the first position, or -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.positions[0];
    const last = --this.count;
    if (last > 0) {
      this.set(0, this.positions[last], this.ranks[last], this.priorities[last]);
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    this.count = 0;
  }

  private before(a: number, b: number): boolean {
    if (this.ranks[a] !== this.ranks[b]) return this.ranks[a] > this.ranks[b];
    if (this.priorities[a] !== this.priorities[b]) return this.priorities[a] > this.priorities[b];
    return this.positions[a] < this.positions[b];
  }

  private siftDown(start: number): void {
    const n = this.count;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.before(l, m)) m = l;
      if (r < n && this.before(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private set(slot: number, position: number, rank: number, priority: number): void {
    this.positions[slot] = position;
    this.ranks[slot] = rank;
    this.priorities[slot] = priority;
  }

  private swap(a: number, b: number): void {
    const position = this.positions[a];
    const rank = this.ranks[a];
    const priority = this.priorities[a];
    this.set(a, this.positions[b], this.ranks[b], this.priorities[b]);
    this.set(b, position, rank, priority);
  }

  private grow(): void {
    const capacity = this.positions.length * 2;
    const positions = new Int32Array(capacity);
    positions.set(this.positions);
    const ranks = new Float64Array(capacity);
    ranks.set(this.ranks);
    const priorities = new Float64Array(capacity);
    priorities.set(this.priorities);
    this.positions = positions;
    this.ranks = ranks;
    this.priorities = priorities;
  }
}
