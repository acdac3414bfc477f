/** One log call as pino takes it: the fields of the line and its message. */
export interface LogEntry {
  fields: Record<string, unknown>;
  msg: string;
}

const STACK_LINE = /\n\s+at /;

/**
 * Reads a Nest logger call — `(message, ...params, context?)`, with a stack first for errors — into
 * fields and a message. A plain object message is the line's fields (its `msg` or `message` the text),
 * so `logger.log({ msg: 'run r1 started', runId: 'r1' })` gives the line a `runId`.
 */
export function toLogEntry(message: unknown, params: unknown[], mayHaveStack: boolean): LogEntry {
  const fields: Record<string, unknown> = {};
  const rest = [...params];
  // Nest's Logger appends its context; an error call from it passes `undefined` in the stack's place.
  if (rest.length > 0 && typeof rest[rest.length - 1] === 'string' && !(rest.length === 1 && mayHaveStack && STACK_LINE.test(rest[0] as string))) {
    fields.context = rest.pop();
  }
  if (mayHaveStack && (typeof rest[0] === 'string' || rest[0] === undefined) && rest.length > 0) {
    const stack = rest.shift();
    if (stack !== undefined) fields.stack = stack;
  }
  if (rest.length > 0) fields.params = rest;
  if (message instanceof Error) {
    fields.err = message;
    return { fields, msg: message.message };
  }
  if (typeof message === 'object' && message !== null && !Array.isArray(message)) {
    const { msg, message: text, ...own } = message as Record<string, unknown>;
    return { fields: { ...fields, ...own }, msg: String(msg ?? text ?? '') };
  }
  return { fields, msg: typeof message === 'string' ? message : JSON.stringify(message) ?? String(message) };
}
