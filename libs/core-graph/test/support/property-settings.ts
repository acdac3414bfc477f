import fc from 'fast-check';

/**
 * Property tests draw the same cases on every run: a fixed default, or FC_SEED to replay a reported
 * failure (fast-check's failure message names the `seed` it ran with) or to explore other cases.
 */
const fromEnv = process.env.FC_SEED?.trim();
export const PROPERTY_SEED = fromEnv ? Number(fromEnv) : 424242;
if (!Number.isSafeInteger(PROPERTY_SEED)) throw new Error(`FC_SEED must be an integer, got "${fromEnv}"`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: PROPERTY_SEED });
