import fc from 'fast-check';
import { fuzzBudget } from '@a2a-mcp/core-graph/testing';

/**
 * FUZZ_RUNS shared by every project's fuzz files (`npm test`: 2 500, `npm run fuzz`: 10 000); the
 * planner's share: plan-json-schema 0.2. FC_SEED replays a reported failure.
 */
const budget = fuzzBudget(process.env);
export const { runs: FUZZ_RUNS, seed: FUZZ_SEED } = budget;
export const { cases: fuzzCases, timeout: fuzzTimeout, tally: fuzzTally } = budget;
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
