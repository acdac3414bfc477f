/** A binary min-heap ordered by `before(a, b)` (true when `a` must come out first). */
export class BinaryHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Iterates in storage order (not priority order); for inspection only. */
  values(): IterableIterator<T> {
    return this.items.values();
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(items[i], items[parent])) break;
      const swap = items[i];
      items[i] = items[parent];
      items[parent] = swap;
      i = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.before(items[l], items[m])) m = l;
      if (r < n && this.before(items[r], items[m])) m = r;
      if (m === i) return;
      const swap = items[i];
      items[i] = items[m];
      items[m] = swap;
      i = m;
    }
  }
}
