import { PlanValidationError, type PlanIssue } from './plan-issue';
import { escapeUnsafe } from './validation/echo-value';

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Parses plan JSON text. A syntax error becomes a `PlanValidationError` with one INVALID_JSON issue that
 * names the source and, when the engine's message gives a position, its line and column (1-based).
 * Returns the parsed value unchecked: pass it to `validatePlan`/`parsePlan`.
 */
export function parsePlanText(text: string, source = 'plan'): unknown {
  // Editors on Windows may save a BOM, which JSON.parse rejects; it is not part of the document.
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new PlanValidationError([jsonIssue(body, source, error instanceof Error ? error.message : String(error))]);
  }
}

function jsonIssue(text: string, source: string, parserMessage: string): PlanIssue {
  // V8 quotes the offending character, which may be a control or a bidi override from the file.
  const reason = escapeUnsafe(conciseReason(parserMessage));
  const offset = errorOffset(text, parserMessage);
  if (offset === undefined) {
    return { code: 'INVALID_JSON', path: '', message: `${source}: invalid JSON: ${reason}` };
  }
  const { line, column } = lineAndColumn(text, offset);
  return {
    code: 'INVALID_JSON',
    path: '',
    message: `${source}: invalid JSON at line ${line}, column ${column}: ${reason}`,
    line,
    column,
  };
}

/** V8 says "… at position N" (Node ≥ 20) or "Unexpected end of JSON input"; older engines say neither. */
function errorOffset(text: string, parserMessage: string): number | undefined {
  const position = /at position (\d+)/.exec(parserMessage);
  if (position) return Math.min(Number(position[1]), text.length);
  if (/end of (JSON )?input/i.test(parserMessage)) return text.length;
  return undefined;
}

/** Drops the location and the echo of the whole document that V8 appends. */
function conciseReason(parserMessage: string): string {
  return parserMessage
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '')
    .trim();
}

/** 1-based line and column of a UTF-16 offset; "\r\n" counts as one line break. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
