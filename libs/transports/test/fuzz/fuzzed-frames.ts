import fc from 'fast-check';

/** Values no field expects: wrong types, extremes, empty text, prototype keys, huge text. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>(null, '', ' ', 0, -1, 1e308, Number.NaN, Number.POSITIVE_INFINITY, true, false, [], {}, '__proto__', 'x'.repeat(5_000), { data: 1 }, ['result']),
  fc.string({ maxLength: 20 }),
  fc.double(),
);

const ABSENT = Symbol('absent');

/** A field as a replica may send it: usually right, sometimes garbage, sometimes missing. */
const bent = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
  fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: garbage }, { weight: 1, arbitrary: fc.constant(ABSENT) });

const withoutAbsent = (fields: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ABSENT));

const code = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,20}$/);
const text = fc.string({ maxLength: 30 });

/**
 * A frame a replica might send for attempt `key`: one of the six kinds, each field usually valid, the
 * kind or the key sometimes wrong (another attempt's, garbage), or no frame shape at all.
 */
export function rawFrame(key: string): fc.Arbitrary<unknown> {
  const keyField = bent(fc.oneof({ weight: 9, arbitrary: fc.constant(key) }, { weight: 1, arbitrary: fc.constantFrom(`${key}x`, 'run-0/task-0/1', key.toUpperCase()) }));
  const frame = (kind: string, fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
    fc.record({ kind: bent(fc.constant(kind)), key: keyField, ...fields }).map(withoutAbsent);
  return fc.oneof(
    { weight: 3, arbitrary: frame('progress', { pct: bent(fc.double({ min: 0, max: 100, noNaN: true })), message: bent(text) }) },
    { weight: 2, arbitrary: frame('artifact', { part: bent(fc.record({ name: text, data: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: ['data'] })) }) },
    { weight: 1, arbitrary: frame('input-required', { inputId: bent(text), question: bent(text) }) },
    { weight: 3, arbitrary: frame('heartbeat', { replicaId: bent(text) }) },
    { weight: 2, arbitrary: frame('result', { replicaId: bent(text), output: bent(fc.jsonValue({ maxDepth: 2 })) }) },
    { weight: 2, arbitrary: frame('error', { replicaId: bent(text), code: bent(code), message: bent(text), retryable: bent(fc.boolean()) }) },
    // What proto3 makes of an error frame whose code was left out: an empty code.
    { weight: 1, arbitrary: fc.record({ replicaId: text, message: text, retryable: fc.boolean() }).map((fields) => ({ kind: 'error', key, code: '', ...fields })) },
    { weight: 1, arbitrary: frame('unknown', { replicaId: bent(text) }).map((raw) => ({ ...(raw as object), kind: 'done' })) },
    { weight: 1, arbitrary: garbage },
  );
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * The wire contract, written out on its own: what a frame for attempt `key` must hold to be used. A
 * frame this accepts must be read as it is; any other must be refused as a bad reply.
 */
export function isWellFormed(raw: unknown, key: string): boolean {
  if (!isRecord(raw) || raw.key !== key) return false;
  switch (raw.kind) {
    case 'progress':
      return typeof raw.pct === 'number' && Number.isFinite(raw.pct) && (raw.message === undefined || isText(raw.message));
    case 'artifact':
      return isRecord(raw.part) && 'data' in raw.part;
    case 'input-required':
      return isText(raw.inputId) && isText(raw.question);
    case 'heartbeat':
      return isText(raw.replicaId);
    case 'result':
      return isText(raw.replicaId) && 'output' in raw;
    case 'error':
      // An error must say what went wrong in a code the caller can branch on.
      return isText(raw.replicaId) && isText(raw.code) && raw.code !== '' && isText(raw.message) && typeof raw.retryable === 'boolean';
    default:
      return false;
  }
}

/** How an attempt must end for a stream of raw frames: the result's output, or an error code. */
export type Outcome = { output: unknown } | { code: string };

/**
 * The outcome consumeFrames must reach: the first frame that is not well formed is BAD_AGENT_REPLY,
 * a result resolves with its output, an error frame rejects with its code; a question is answered
 * when `answered`, else the attempt fails with `unanswered`; frames that run out end in `ended`.
 */
export function expectedOutcome(raws: readonly unknown[], key: string, options: { ended: string; unanswered?: string }): Outcome {
  for (const raw of raws) {
    if (!isWellFormed(raw, key)) return { code: 'BAD_AGENT_REPLY' };
    const frame = raw as Record<string, unknown>;
    if (frame.kind === 'result') return { output: frame.output };
    if (frame.kind === 'error') return { code: frame.code as string };
    if (frame.kind === 'input-required' && options.unanswered !== undefined) return { code: options.unanswered };
  }
  return { code: options.ended };
}

/** One edit deep in a JSON value: `steps` pick a child at each level (modulo its size); the node reached is replaced, or deleted. */
export interface JsonBend {
  steps: number[];
  replacement: unknown;
  remove: boolean;
}

export const jsonBend = (replacement: fc.Arbitrary<unknown>): fc.Arbitrary<JsonBend> =>
  fc.record({ steps: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }), replacement, remove: fc.boolean() });

/** A deep copy of `value` with each bend applied in turn. */
export function bendJson(value: unknown, bends: readonly JsonBend[]): unknown {
  const holder: Record<string, unknown> = { root: structuredClone(value) };
  for (const bend of bends) {
    let parent: Record<string | number, unknown> = holder;
    let key: string | number = 'root';
    for (const step of bend.steps) {
      const here = parent[key];
      if (typeof here !== 'object' || here === null) break;
      const keys: (string | number)[] = Array.isArray(here) ? here.map((_, index) => index) : Object.keys(here);
      if (keys.length === 0) break;
      parent = here as Record<string | number, unknown>;
      key = keys[step % keys.length];
    }
    if (bend.remove && parent !== holder) delete parent[key];
    else parent[key] = bend.replacement;
  }
  return holder.root;
}
