import fc from 'fast-check';

/** Values that break assumptions: extremes, wrong types, prototype keys, names the API knows. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    2 ** 53 + 2,
    -1,
    0,
    0.5,
    '',
    ' ',
    'x'.repeat(5_000),
    null,
    [],
    {},
    [[]],
    true,
    '__proto__',
    'constructor',
    'simulator',
    'approval',
    'hold',
    'yes',
    JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/**
 * One edit somewhere in a JSON value. `steps` walk down from the root (each picks a child, modulo the
 * number of children) until they run out or reach a leaf; `action` then changes what is there.
 */
export interface JsonMutation {
  steps: number[];
  action: 'replace' | 'delete' | 'wrap' | 'stringify' | 'add' | 'rename';
  key: string;
  value: unknown;
}

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  steps: fc.array(fc.nat(), { maxLength: 6 }),
  action: fc.constantFrom('replace', 'replace', 'delete', 'wrap', 'stringify', 'add', 'rename'),
  key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'tasks', 'plan', 'request', 'nodes', 'taskId', 'answer', 'cardUrl', 'name'), fc.string({ maxLength: 8 })),
  value: garbage,
});

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** Sets an own property even for `__proto__`, so JSON.stringify sends it as a key. */
function setOwn(target: Container, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy of `value` with each mutation applied in turn (undefined when the root was deleted). */
export function mutateJson(value: unknown, mutations: readonly JsonMutation[]): unknown {
  const holder: Record<string, unknown> = { root: structuredClone(value) };
  for (const mutation of mutations) apply(holder, mutation);
  return holder.root;
}

function apply(holder: Record<string, unknown>, mutation: JsonMutation): void {
  let parent: Container = holder;
  let key: string | number = 'root';
  for (const step of mutation.steps) {
    const current: unknown = (parent as Record<string | number, unknown>)[key];
    if (!isContainer(current)) break;
    const keys: (string | number)[] = Array.isArray(current) ? current.map((_, index) => index) : Object.keys(current);
    if (keys.length === 0) break;
    parent = current;
    key = keys[step % keys.length];
  }
  const here: unknown = (parent as Record<string | number, unknown>)[key];
  switch (mutation.action) {
    case 'replace':
      setOwn(parent, key, mutation.value);
      return;
    case 'delete':
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete (parent as Record<string | number, unknown>)[key];
      return;
    case 'wrap':
      setOwn(parent, key, [here]);
      return;
    case 'stringify':
      setOwn(parent, key, JSON.stringify(here) ?? '');
      return;
    case 'add':
      if (Array.isArray(here)) here.push(mutation.value);
      else if (isContainer(here)) setOwn(here, mutation.key, mutation.value);
      else setOwn(parent, key, mutation.value);
      return;
    case 'rename':
      if (Array.isArray(parent) || parent === holder) return;
      delete (parent as Record<string | number, unknown>)[key];
      setOwn(parent, mutation.key, here);
      return;
  }
}

/** The body as sent: JSON text ('' when the root was deleted). */
export const jsonText = (value: unknown): string => JSON.stringify(value) ?? '';
