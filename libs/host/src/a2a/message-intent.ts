import type { Message } from '@a2a-js/sdk';
import { RequestMalformedError } from '@a2a-js/sdk/errors';
import type { RunSource } from '@a2a-mcp/orchestration';
import { dataPartsOf, textOf } from './a2a-messages';

/** What a message without a task id asks for: a run, and where its plan sits (for the paths of plan issues). */
export interface RunIntent {
  source: RunSource;
  /** `message.parts[0].data` or `message.parts[0].data.plan` when the message carries a plan. */
  planPath?: string;
}

/**
 * A new task's message as a run: its first data part when it holds a plan (`{"tasks": [...]}` is the
 * plan, `{"plan": {...}}` wraps one; under `input` too, which is where an a2a-mcp host calling us puts
 * a task's input), else its text, which the planner turns into a plan. A data part that holds no plan
 * is context for the text. RequestMalformedError names the part when the message has neither.
 */
export function runIntentOf(message: Message): RunIntent {
  const [data] = dataPartsOf(message);
  const request = textOf(message);
  if (data !== undefined) {
    const path = `message.parts[${data.index}].data`;
    const plan = planIn(data.value, path) ?? (isRecord(data.value) ? planIn(data.value.input, `${path}.input`) : undefined);
    if (plan !== undefined) return plan;
    if (request === '') {
      throw new RequestMalformedError(
        `${path} must hold a plan: {"tasks": [...]} or {"plan": {...}}, got ${describe(data.value)} (or send a text part with a request)`,
      );
    }
  }
  if (request === '') {
    throw new RequestMalformedError(
      'the message has no text part with a request and no data part with a plan: send a text part such as ' +
        '"Process order 1042: charge the card, then ship it" or a data part {"tasks": [...]}',
    );
  }
  return { source: { request } };
}

function planIn(value: unknown, path: string): RunIntent | undefined {
  if (!isRecord(value)) return undefined;
  if (Object.hasOwn(value, 'tasks')) return { source: { plan: value }, planPath: path };
  if (Object.hasOwn(value, 'plan')) return { source: { plan: value.plan }, planPath: `${path}.plan` };
  return undefined;
}

/**
 * The answer a message gives a paused task: its first data part's value, else its text.
 * RequestMalformedError when it has neither.
 */
export function answerOf(message: Message, question: { runId: string; planTask: string }): unknown {
  const [data] = dataPartsOf(message);
  if (data !== undefined) return data.value;
  const text = textOf(message);
  if (text === '') {
    throw new RequestMalformedError(
      `task ${question.runId} waits for an answer to the question of "${question.planTask}": send it as a text part ("yes") or a data part`,
    );
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (isRecord(value)) {
    const keys = Object.keys(value).slice(0, 5);
    return keys.length === 0 ? 'an empty object' : `an object with ${keys.map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}`;
  }
  return `a ${typeof value}`;
}
