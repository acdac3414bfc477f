import fc from 'fast-check';
import './property-settings';
import { MAX_ECHOED_LENGTH, keySegment, quote } from '../src/validation/echo-value';

const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

describe('quote', () => {
  it('gives back a short string exactly, as JSON, with nothing unsafe left in the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: MAX_ECHOED_LENGTH }), (text) => {
        const quoted = quote(text);
        expect(quoted).not.toMatch(UNSAFE);
        expect(JSON.parse(quoted)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('cuts a long string to its first characters and an ellipsis', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: MAX_ECHOED_LENGTH + 1, maxLength: 400 }), (text) => {
        const quoted = quote(text);
        expect(quoted).not.toMatch(UNSAFE);
        const shown = JSON.parse(quoted) as string;
        expect(shown.endsWith('…')).toBe(true);
        expect(text.startsWith(shown.slice(0, -1))).toBe(true);
        expect(shown.length).toBeGreaterThanOrEqual(MAX_ECHOED_LENGTH);
        expect(shown.length).toBeLessThanOrEqual(MAX_ECHOED_LENGTH + 1);
      }),
    );
  });

  it('keeps a plain id as it is, in quotes', () => {
    expect(quote('payment-1')).toBe('"payment-1"');
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('\u202Eevil')).toBe('"\\u202eevil"');
  });
});

describe('keySegment', () => {
  it('writes a plain key as it is and anything else quoted in brackets', () => {
    expect(keySegment('dependsOn')).toBe('dependsOn');
    expect(keySegment('$schema')).toBe('$schema');
    expect(keySegment('two words')).toBe('["two words"]');
    expect(keySegment('1st')).toBe('["1st"]');
    expect(keySegment('')).toBe('[""]');
    expect(keySegment('k'.repeat(81))).toBe(`["${'k'.repeat(80)}…"]`);
  });
});
