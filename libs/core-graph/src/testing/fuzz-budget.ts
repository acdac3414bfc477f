/**
 * The fuzz case budget every project's fuzz files share: FUZZ_RUNS is the total (`npm test`: 2 500,
 * `npm run fuzz`: 10 000) and each file runs its share; FC_SEED replays a reported failure (else a
 * fixed seed). Free of fast-check: a project's test support hands `seed` to `fc.configureGlobal`.
 */
export interface FuzzBudget {
  /** All fuzz files together. */
  runs: number;
  seed: number;
  /** A file's (or a property's) cases: its share of `runs`, at least `floor`. */
  cases(share: number, floor?: number): number;
  /** A timeout that grows with the budget: `ms` is enough for the default. */
  timeout(ms: number): number;
  /** Counts the cases a file really ran; `report()` prints the line `npm run fuzz` totals ("fuzz cases: <file> <n>"). */
  tally(file: string): { count(): void; report(): void };
}

export const DEFAULT_FUZZ_RUNS = 2500;
const DEFAULT_FUZZ_SEED = 424242;

/** Reads FUZZ_RUNS and FC_SEED; a bad value throws naming the variable. */
export function fuzzBudget(env: Readonly<Record<string, string | undefined>>): FuzzBudget {
  const runsText = env.FUZZ_RUNS?.trim();
  const runs = runsText ? Number(runsText) : DEFAULT_FUZZ_RUNS;
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`FUZZ_RUNS must be a positive integer, got "${runsText}"`);
  const seedText = env.FC_SEED?.trim();
  const seed = seedText ? Number(seedText) : DEFAULT_FUZZ_SEED;
  if (!Number.isSafeInteger(seed)) throw new Error(`FC_SEED must be an integer, got "${seedText}"`);
  return {
    runs,
    seed,
    cases: (share, floor = 1) => Math.max(floor, Math.round(runs * share)),
    timeout: (ms) => Math.round(ms * Math.max(1, runs / DEFAULT_FUZZ_RUNS)),
    tally(file) {
      let cases = 0;
      return { count: () => void cases++, report: () => console.log(`fuzz cases: ${file} ${cases} (FUZZ_RUNS=${runs}, seed ${seed})`) };
    },
  };
}
