// Deterministic stand-ins for ids, amounts and counts: the engine must replay a run exactly, so demo
// agents derive everything from their input with a hash instead of Math.random or the clock.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the parts (separated, so ("ab","c") and ("a","bc") differ). */
export function stableHash(...parts: string[]): number {
  let hash = FNV_OFFSET;
  for (let p = 0; p < parts.length; p++) {
    const part = p === 0 ? parts[p] : `\u0000${parts[p]}`;
    for (let i = 0; i < part.length; i++) {
      hash ^= part.charCodeAt(i);
      hash = Math.imul(hash, FNV_PRIME);
    }
  }
  return hash >>> 0;
}

/** `prefix_` followed by 12 hex digits (two salted hashes, so collisions stay unlikely). */
export function stableId(prefix: string, ...parts: string[]): string {
  const high = stableHash(...parts).toString(16).padStart(8, '0');
  const low = stableHash('salt', ...parts).toString(16).padStart(8, '0').slice(0, 4);
  return `${prefix}_${high}${low}`;
}

/** An integer in [min, max] chosen by the parts. */
export function stableInt(min: number, max: number, ...parts: string[]): number {
  return min + (stableHash(...parts) % (max - min + 1));
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
