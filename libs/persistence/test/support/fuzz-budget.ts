import fc from 'fast-check';
import { fuzzBudget } from '@a2a-mcp/core-graph/testing';

/**
 * FUZZ_RUNS shared by every project's fuzz files; the shares sum to 1 — host: fuzz.e2e 0.616, dto
 * 0.15, sse-resume 0.06; transports: agent-replies 0.114; persistence: recovery 0.06.
 */
const budget = fuzzBudget(process.env);
export const { runs: FUZZ_RUNS, seed: FUZZ_SEED } = budget;
export const { cases: fuzzCases, timeout: fuzzTimeout, tally: fuzzTally } = budget;
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FUZZ_SEED });
