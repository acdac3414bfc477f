import fc from 'fast-check';
import './property-settings';
import { measureJson } from '../src/validation/json-size';

/** What measureJson must agree with: the UTF-8 length of JSON.stringify. */
function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

describe('measureJson', () => {
  it('gives the exact UTF-8 size of JSON.stringify for any JSON value, lone surrogates and escapes included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary', maxDepth: 6 }), (value) => {
        expect(measureJson(value, Number.MAX_SAFE_INTEGER)).toEqual({ kind: 'ok', bytes: jsonBytes(value) });
      }),
      { numRuns: 500 },
    );
  });

  it('agrees on strings of every escape class', () => {
    const samples = ['', '"', '\\', '\b\f\n\r\t', '\u0000\u001F', '\u007F\u0080\u07FF\u0800', '\uFFFF', '😀', '\uD800', '\uDC00x', 'é€'];
    for (const sample of samples) expect(measureJson({ [sample]: sample }, 1e9)).toEqual({ kind: 'ok', bytes: jsonBytes({ [sample]: sample }) });
  });

  it('leaves out what JSON leaves out, and writes what toJSON returns', () => {
    const value = {
      a: undefined,
      f: () => 1,
      s: Symbol('s'),
      list: [undefined, () => 1, Number.NaN, Number.POSITIVE_INFINITY],
      when: new Date(0),
      custom: { toJSON: () => ({ shown: true }) },
    };
    expect(measureJson(value, 1e9)).toEqual({ kind: 'ok', bytes: jsonBytes(value) });
  });

  it('stops at the limit: exactly maxBytes is ok, one more is too large', () => {
    const value = { k: 'v'.repeat(20) };
    const size = jsonBytes(value);
    expect(measureJson(value, size)).toEqual({ kind: 'ok', bytes: size });
    expect(measureJson(value, size - 1)).toEqual({ kind: 'too-large' });
  });

  it('refuses a long array without walking its items', () => {
    let reads = 0;
    const items = new Proxy(new Array<number>(1000).fill(0), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(measureJson({ items }, 100)).toEqual({ kind: 'too-large' });
    expect(reads).toBe(0);
  });

  it('reports depth past the limit, and ends on a cycle', () => {
    expect(measureJson([[[1]]], 1e9, 3)).toEqual({ kind: 'ok', bytes: 7 });
    expect(measureJson([[[[1]]]], 1e9, 3)).toEqual({ kind: 'too-deep' });
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(measureJson(cyclic, 1e9).kind).toBe('too-deep');
  });

  it('calls toJSON once per value, even when it returns itself', () => {
    const selfish = { n: 1, toJSON(): unknown { return this; } };
    expect(measureJson(selfish, 1e9)).toEqual({ kind: 'ok', bytes: jsonBytes(selfish) });
  });
});
