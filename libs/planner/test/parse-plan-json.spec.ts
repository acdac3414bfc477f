import { PlanValidationError, parsePlanText, type PlanIssue } from '../src';

function jsonIssue(text: string, source?: string): PlanIssue {
  try {
    parsePlanText(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanValidationError);
    const { issues, code } = error as PlanValidationError;
    expect(code).toBe('INVALID_PLAN');
    expect(issues).toHaveLength(1);
    return issues[0];
  }
  throw new Error('expected a JSON syntax error');
}

describe('parsePlanText', () => {
  it('never echoes a control or bidi character of the file in its message', () => {
    for (const bad of ['{"a": \u202E}', '{"a": \u0007}', '{"a": 1}\u001b]0;x']) {
      const error = (() => {
        try {
          parsePlanText(bad);
        } catch (caught) {
          return caught as Error;
        }
        throw new Error(`parsed ${JSON.stringify(bad)}`);
      })();
      expect(error.message).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E]/);
    }
  });

  it('parses valid JSON', () => {
    expect(parsePlanText('{"tasks": []}')).toEqual({ tasks: [] });
  });

  it('ignores a byte-order mark', () => {
    expect(parsePlanText('\uFEFF{"a": 1}')).toEqual({ a: 1 });
  });

  it('gives the line and column of a syntax error', () => {
    const issue = jsonIssue('{\n  "tasks": [\n    {"id": "a",}\n  ]\n}', 'plans/bad.json');
    expect(issue).toMatchObject({ code: 'INVALID_JSON', path: '', line: 3, column: 16 });
    expect(issue.message).toMatch(/^plans\/bad\.json: invalid JSON at line 3, column 16: /);
    expect(issue.message).not.toMatch(/position/);
  });

  it('counts CRLF line breaks once', () => {
    expect(jsonIssue('{\r\n"a": 1,\r\n"b": 2,}')).toMatchObject({ line: 3, column: 8 });
  });

  it('places an unexpected end at the end of the text', () => {
    const issue = jsonIssue('{\n  "tasks": [');
    expect(issue).toMatchObject({ code: 'INVALID_JSON', line: 2, column: 13 });
    expect(issue.message).toMatch(/^plan: invalid JSON at line 2, column 13: Unexpected end of JSON input$/);
  });

  it('reports an empty text', () => {
    expect(jsonIssue('')).toMatchObject({ code: 'INVALID_JSON', line: 1, column: 1 });
  });

  it('still reports an error whose message has no position, without echoing the text', () => {
    const issue = jsonIssue('{"a": nope}', 'x.json');
    expect(issue.code).toBe('INVALID_JSON');
    expect(issue.message).toMatch(/^x\.json: invalid JSON/);
    expect(issue.message).not.toContain('is not valid JSON');
  });
});
