/**
 * One append-only list of integers per owner (0 … owners − 1), kept in a few typed arrays: a
 * graph's adjacency without a JS array per node, so a 100 000-node graph is a handful of objects
 * for the garbage collector instead of hundreds of thousands. Appending is O(1) amortised and each
 * list keeps insertion order. Walk a list with `first(owner)` / `next(entry)` until `NONE`.
 */
export class IntLists {
  static readonly NONE = -1;

  private heads: Int32Array;
  private tails: Int32Array;
  private counts: Int32Array;
  private values: Int32Array;
  private links: Int32Array;
  private ownerCount = 0;
  private entryCount = 0;

  constructor(ownerCapacity = 16, entryCapacity = 16) {
    this.heads = new Int32Array(Math.max(1, ownerCapacity));
    this.tails = new Int32Array(Math.max(1, ownerCapacity));
    this.counts = new Int32Array(Math.max(1, ownerCapacity));
    this.values = new Int32Array(Math.max(1, entryCapacity));
    this.links = new Int32Array(Math.max(1, entryCapacity));
  }

  get owners(): number {
    return this.ownerCount;
  }

  get entries(): number {
    return this.entryCount;
  }

  /** Adds owners until there are `count` (each with an empty list). */
  growOwners(count: number): void {
    if (count <= this.ownerCount) return;
    if (count > this.heads.length) {
      const capacity = Math.max(count, this.heads.length * 2);
      this.heads = grown(this.heads, capacity);
      this.tails = grown(this.tails, capacity);
      this.counts = grown(this.counts, capacity);
    }
    // New owners start empty (counts of owners never used are still 0).
    this.heads.fill(IntLists.NONE, this.ownerCount, count);
    this.tails.fill(IntLists.NONE, this.ownerCount, count);
    this.ownerCount = count;
  }

  /** Makes room for `more` entries at once (one reallocation for a whole batch). */
  reserve(more: number): void {
    const needed = this.entryCount + more;
    if (needed <= this.values.length) return;
    const capacity = Math.max(needed, this.values.length * 2);
    this.values = grown(this.values, capacity);
    this.links = grown(this.links, capacity);
  }

  push(owner: number, value: number): void {
    if (this.entryCount === this.values.length) this.reserve(1);
    const entry = this.entryCount++;
    this.values[entry] = value;
    this.links[entry] = IntLists.NONE;
    const tail = this.tails[owner];
    if (tail === IntLists.NONE) this.heads[owner] = entry;
    else this.links[tail] = entry;
    this.tails[owner] = entry;
    this.counts[owner]++;
  }

  countOf(owner: number): number {
    return this.counts[owner];
  }

  first(owner: number): number {
    return this.heads[owner];
  }

  next(entry: number): number {
    return this.links[entry];
  }

  value(entry: number): number {
    return this.values[entry];
  }

  includes(owner: number, value: number): boolean {
    for (let e = this.heads[owner]; e !== IntLists.NONE; e = this.links[e]) if (this.values[e] === value) return true;
    return false;
  }

  /** The owner's list mapped through `names` (e.g. indices to ids), as a new array. */
  mapped<T>(owner: number, names: readonly T[]): T[] {
    const out = new Array<T>(this.counts[owner]);
    let k = 0;
    for (let e = this.heads[owner]; e !== IntLists.NONE; e = this.links[e]) out[k++] = names[this.values[e]];
    return out;
  }
}

function grown(array: Int32Array, capacity: number): Int32Array {
  const next = new Int32Array(capacity);
  next.set(array);
  return next;
}
