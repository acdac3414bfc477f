import fc from 'fast-check';

/**
 * FUZZ_RUNS: the cases all fuzz files of the repository run together (`npm test`: 2 500, `npm run fuzz`:
 * 10 000). Each file runs its share; the shares sum to 1 — host: fuzz.e2e 0.616, dto 0.15, sse-resume
 * 0.06; transports: agent-replies 0.114; persistence: recovery 0.06. The same file sits in each of
 * those projects' test/support (tests do not import across projects).
 */
const DEFAULT_FUZZ_RUNS = 2500;
const fromEnv = process.env.FUZZ_RUNS?.trim();
export const FUZZ_RUNS = fromEnv ? Number(fromEnv) : DEFAULT_FUZZ_RUNS;
if (!Number.isSafeInteger(FUZZ_RUNS) || FUZZ_RUNS < 1) throw new Error(`FUZZ_RUNS must be a positive integer, got "${fromEnv}"`);

/** Cases are drawn from a fixed seed, or FC_SEED: replay a reported failure or explore other cases. */
const seedText = process.env.FC_SEED?.trim();
export const FUZZ_SEED = seedText ? Number(seedText) : 424242;
if (!Number.isSafeInteger(FUZZ_SEED)) throw new Error(`FC_SEED must be an integer, got "${seedText}"`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });

/** A file's (or a property's) cases: its share of FUZZ_RUNS, at least `floor`. */
export const fuzzCases = (share: number, floor = 1): number => Math.max(floor, Math.round(FUZZ_RUNS * share));

/** A timeout that grows with the budget: `ms` is enough for the default. */
export const fuzzTimeout = (ms: number): number => Math.round(ms * Math.max(1, FUZZ_RUNS / DEFAULT_FUZZ_RUNS));

/** Counts the cases a file really ran; `report()` prints the line `npm run fuzz` totals ("fuzz cases: <file> <n>"). */
export function fuzzTally(file: string): { count(): void; report(): void } {
  let cases = 0;
  return { count: () => void cases++, report: () => console.log(`fuzz cases: ${file} ${cases} (FUZZ_RUNS=${FUZZ_RUNS}, seed ${FUZZ_SEED})`) };
}
