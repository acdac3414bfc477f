/** Where a piece of the JSON text is: offsets into the text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export interface JsonSyntaxError {
  message: string;
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

/** The line and column (1-based) of an offset. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** The plan path syntax the validator reports: `tasks[2].agent`, '' for the whole document. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

class JsonScanner {
  pos = 0;
  constructor(
    private readonly text: string,
    private readonly spans?: Map<string, Span>,
  ) {}

  document(): void {
    this.value('');
    this.whitespace();
    if (this.pos < this.text.length) this.fail(`Unexpected ${this.describe()} after the JSON value`);
  }

  private value(path: string): void {
    this.whitespace();
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '{') this.object(path);
    else if (ch === '[') this.array(path);
    else if (ch === '"') this.string();
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) this.number();
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) this.fail(`Unexpected ${this.describe()}: expected a value`);
    this.spans?.set(path, { start, end: this.pos });
  }

  private object(path: string): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.whitespace();
      if (this.text[this.pos] !== '"') this.fail(`Unexpected ${this.describe()}: expected a property name in double quotes`);
      const keyStart = this.pos;
      this.string();
      const key = JSON.parse(this.text.slice(keyStart, this.pos)) as string;
      this.whitespace();
      if (this.text[this.pos] !== ':') this.fail(`Unexpected ${this.describe()}: expected ':' after the property name`);
      this.pos++;
      this.value(childPath(path, key));
      if (this.closedAfterMember('}', 'a property value')) return;
    }
  }

  private array(path: string): void {
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value(childPath(path, index));
      if (this.closedAfterMember(']', 'an array element')) return;
    }
  }

  /** After a member of an object or array: true at its closing bracket (consumed), false past a comma. */
  private closedAfterMember(close: '}' | ']', member: string): boolean {
    this.whitespace();
    const next = this.text[this.pos];
    if (next === close) {
      this.pos++;
      return true;
    }
    if (next !== ',') this.fail(`Unexpected ${this.describe()}: expected ',' or '${close}' after ${member}`);
    this.pos++;
    this.whitespace();
    if (this.text[this.pos] === close) this.fail(`Trailing comma before '${close}'`);
    return false;
  }

  private string(): void {
    this.pos++;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) this.fail('Unterminated string');
      if (code === 34) {
        this.pos++;
        return;
      }
      if (code < 0x20) this.fail('A line break or control character inside a string (write it as \\n)');
      if (code === 92) {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('Bad \\u escape: expected 4 hex digits');
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail(`Bad escape \\${escape ?? ''}`);
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
  }

  private number(): void {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = this.pos;
    if (match.exec(this.text) === null) this.fail('Invalid number');
    this.pos = match.lastIndex;
  }

  private literal(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  private whitespace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  private describe(): string {
    const ch = this.text[this.pos];
    if (ch === undefined) return 'end of the text';
    if (ch === '\n' || ch === '\r') return 'line break';
    return `'${ch}'`;
  }

  private fail(message: string): never {
    throw new JsonScanError(message, this.pos);
  }
}

class JsonScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError };

/**
 * Parses with the browser's JSON.parse (fast); on a syntax error, scans the text again to say where, with
 * the same message in every browser (V8's messages name a position only for some errors).
 */
export function parseJson(text: string): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (parseError) {
    try {
      new JsonScanner(text).document();
    } catch (error) {
      if (error instanceof JsonScanError) return { ok: false, error: { message: error.message, offset: error.offset, ...lineColumnOf(text, error.offset) } };
    }
    // The scanner accepted what JSON.parse refused: report JSON.parse's own words, at the start.
    return { ok: false, error: { message: (parseError as Error).message, offset: 0, line: 1, column: 1 } };
  }
}

/** Every value of a valid JSON text by its path (`tasks[2].agent`); undefined when the text is not JSON. */
export function jsonSpans(text: string): Map<string, Span> | undefined {
  const spans = new Map<string, Span>();
  try {
    new JsonScanner(text, spans).document();
    return spans;
  } catch {
    return undefined;
  }
}

/** The span of `path`, or of its nearest enclosing value that exists (a missing field: its object). */
export function locatePath(spans: Map<string, Span>, path: string): Span | undefined {
  let current = path;
  for (;;) {
    const span = spans.get(current);
    if (span !== undefined) return span;
    if (current === '') return undefined;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    current = cut <= 0 ? '' : current.slice(0, cut);
  }
}
