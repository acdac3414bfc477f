import fc from 'fast-check';
import { jsonSpans, locatePath, parseJson } from '../src/pages/json-scan';

describe('the plan editor JSON scanner', () => {
  it('accepts exactly what JSON.parse accepts, with the same value (texts near JSON: edits of valid documents)', () => {
    const nearJson = fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 2 }), fc.nat({ max: 2 })).map(([text, at, insert, cut]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + cut);
    });
    fc.assert(
      fc.property(fc.oneof(fc.json(), nearJson), (text) => {
        let expected: { ok: true; value: unknown } | { ok: false };
        try {
          expected = { ok: true, value: JSON.parse(text) as unknown };
        } catch {
          expected = { ok: false };
        }
        const parsed = parseJson(text);
        expect(parsed.ok).toBe(expected.ok);
        if (parsed.ok && expected.ok) expect(parsed.value).toEqual(expected.value);
        // The scanner's own verdict (used for spans) agrees too.
        expect(jsonSpans(text) !== undefined).toBe(expected.ok);
        if (!parsed.ok) {
          expect(parsed.error.offset).toBeGreaterThanOrEqual(0);
          expect(parsed.error.offset).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, "expected ',' or '}'"],
    ['{"tasks": [1, 2,]}', 1, 17, "Trailing comma before ']'"],
    ['{"a": "line\nbreak"}', 1, 12, 'control character inside a string'],
    ['{"a": tru}', 1, 7, 'expected a value'],
    ['', 1, 1, 'end of the text'],
  ])('places a syntax error at its line and column: %j', (text, line, column, words) => {
    const parsed = parseJson(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect([parsed.error.line, parsed.error.column]).toEqual([line, column]);
    expect(parsed.error.message).toContain(words);
  });

  it("finds a validator path's text, or its nearest enclosing value when the field is missing", () => {
    const text = '{\n  "tasks": [\n    {"id": "a", "agent": "x"},\n    {"id": "b", "dependencies": ["a", "zzz"]}\n  ]\n}';
    const spans = jsonSpans(text)!;
    const show = (path: string): string | undefined => {
      const span = locatePath(spans, path);
      return span && text.slice(span.start, span.end);
    };
    expect(show('tasks[0].agent')).toBe('"x"');
    expect(show('tasks[1].dependencies[1]')).toBe('"zzz"');
    expect(show('tasks[1].agent')).toBe('{"id": "b", "dependencies": ["a", "zzz"]}');
    expect(show('')).toBe(text);
  });
});
