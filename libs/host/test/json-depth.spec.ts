import fc from 'fast-check';
import { jsonNestingDepth } from '../src/http/body/json-depth';

/** The depth of a parsed value, walked with an explicit stack. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, above] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, above + 1);
    for (const child of Object.values(current)) stack.push([child, above + 1]);
  }
  return deepest;
}

const depth = (text: string, max = 1000): number => jsonNestingDepth(Buffer.from(text, 'utf8'), max);

describe('jsonNestingDepth (raw UTF-8 bytes, no parsing)', () => {
  it('agrees with the depth of the parsed value for any JSON, strings full of brackets, quotes and escapes included', () => {
    const tricky = fc.stringMatching(/^[[\]{}"\\\u00e9\u65e5\u{1F69A}a ]*$/u);
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tricky, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(tricky, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(fc.property(value, (v) => depth(JSON.stringify(v)) === depthOf(v)), { numRuns: 500 });
  });

  it('counts objects and arrays alike, and nothing inside strings', () => {
    expect(depth('{"a":[{"b":[]}]}')).toBe(4);
    expect(depth('"[[[{{{"')).toBe(0);
    expect(depth('["\\"[[[", "\\\\", [1]]')).toBe(2);
    expect(depth('42')).toBe(0);
  });

  it('stops as soon as the depth passes the limit', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(depth(deep, 64)).toBe(65);
    expect(depth('[[[]]]', 3)).toBe(3);
  });

  it('gives some number for malformed text, without throwing (JSON.parse reports it next)', () => {
    expect(depth('"unterminated [[[')).toBe(0);
    expect(depth(']]]}}}')).toBe(0);
    expect(depth('[[[')).toBe(3);
  });
});
