import { randomUUID } from 'node:crypto';
import { Part, Role, TaskState, type Message } from '@a2a-js/sdk';
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from '@a2a-js/sdk/server';
import { CURRENCIES, RATES_PER_USD, convert, mergeRequests, parseConversionData, parseConversionText, type ConversionRequest } from './currency-rates';

/** Longest simulated work a caller may ask for with `delayMs` (to try cancelling a running task). */
const MAX_DELAY_MS = 60_000;

function agentMessage(ctx: RequestContext, text: string): Message {
  return { messageId: randomUUID(), contextId: ctx.contextId, taskId: ctx.taskId, role: Role.ROLE_AGENT, parts: [Part.fromJSON({ text })], metadata: undefined, extensions: [], referenceTaskIds: [] };
}

function publishStatus(ctx: RequestContext, bus: ExecutionEventBus, state: TaskState, text?: string): void {
  bus.publish(
    AgentEvent.statusUpdate({
      taskId: ctx.taskId,
      contextId: ctx.contextId,
      status: { state, message: text === undefined ? undefined : agentMessage(ctx, text), timestamp: new Date().toISOString() },
      metadata: undefined,
    }),
  );
}

/** What the message says: its data part (`{ input: {...} }` from our host, or the fields themselves) and its text. */
function readMessage(message: Message): { data: ConversionRequest; text: string; delayMs: number } {
  const data = message.parts.find((part) => part.content?.$case === 'data')?.content;
  const value: unknown = data?.$case === 'data' ? data.value : undefined;
  const input = typeof value === 'object' && value !== null && 'input' in value ? (value as { input: unknown }).input : value;
  const delay = typeof input === 'object' && input !== null ? (input as { delayMs?: unknown }).delayMs : undefined;
  return {
    data: parseConversionData(input),
    text: message.parts.flatMap((part) => (part.content?.$case === 'text' ? [part.content.value] : [])).join('\n'),
    delayMs: typeof delay === 'number' && delay > 0 ? Math.min(delay, MAX_DELAY_MS) : 0,
  };
}

/** An answer to our question fills the missing fields in order: from, then to. */
function fillFromAnswer(asked: ConversionRequest, answer: string): ConversionRequest {
  const parsed = parseConversionText(answer);
  const codes = [parsed.from, parsed.to].filter((code): code is string => code !== undefined);
  const filled = { ...asked, amount: asked.amount ?? parsed.amount };
  if (filled.from === undefined) filled.from = codes.shift();
  if (filled.to === undefined) filled.to = codes.shift();
  return filled;
}

/**
 * The currency converter: reads `{ amount, from, to }` (data) or "convert 100 USD to EUR" (text),
 * streams a working status, and returns the conversion as a data artifact. With a currency missing it
 * asks (input-required) and continues on the same task with the answer; with an unknown currency or no
 * amount it rejects the task. `delayMs` simulates work that CancelTask can interrupt.
 */
export class CurrencyAgentExecutor implements AgentExecutor {
  /** What each task waiting for an answer has been asked so far. */
  private readonly waiting = new Map<string, ConversionRequest>();
  private readonly cancels = new Map<string, () => void>();

  async execute(ctx: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const message = ctx.userMessage;
    // Every turn opens with the task (the SDK wants a task or message first).
    bus.publish(
      AgentEvent.task(
        ctx.task ?? {
          id: ctx.taskId,
          contextId: ctx.contextId,
          status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
          artifacts: [],
          history: [message],
          metadata: undefined,
        },
      ),
    );
    const { data, text, delayMs } = readMessage(message);
    const earlier = this.waiting.get(ctx.taskId);
    this.waiting.delete(ctx.taskId);
    const asked = earlier ? fillFromAnswer(earlier, text) : mergeRequests(data, parseConversionText(text));
    try {
      await this.answer(ctx, bus, asked, delayMs);
    } finally {
      bus.finished();
    }
  }

  async cancelTask(taskId: string, bus: ExecutionEventBus): Promise<void> {
    this.waiting.delete(taskId);
    this.cancels.get(taskId)?.();
    bus.publish(AgentEvent.statusUpdate({ taskId, contextId: '', status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: new Date().toISOString() }, metadata: undefined }));
    bus.finished();
  }

  private async answer(ctx: RequestContext, bus: ExecutionEventBus, asked: ConversionRequest, delayMs: number): Promise<void> {
    if (asked.amount === undefined) {
      publishStatus(ctx, bus, TaskState.TASK_STATE_REJECTED, `no amount to convert: ask e.g. "convert 100 USD to EUR"`);
      return;
    }
    const unknown = [asked.from, asked.to].find((code) => code !== undefined && !(code in RATES_PER_USD));
    if (unknown !== undefined) {
      publishStatus(ctx, bus, TaskState.TASK_STATE_REJECTED, `unknown currency ${unknown}: this agent knows ${CURRENCIES.join(', ')}`);
      return;
    }
    if (asked.from === undefined || asked.to === undefined) {
      this.waiting.set(ctx.taskId, asked);
      const question =
        asked.from === undefined ? `Which currency is ${asked.amount} in? (${CURRENCIES.join(', ')})` : `Which currency should I convert ${asked.amount} ${asked.from} to? (${CURRENCIES.join(', ')})`;
      publishStatus(ctx, bus, TaskState.TASK_STATE_INPUT_REQUIRED, question);
      return;
    }
    const conversion = convert(asked.amount, asked.from, asked.to);
    publishStatus(ctx, bus, TaskState.TASK_STATE_WORKING, `Converting ${conversion.amount} ${conversion.from} to ${conversion.to} at ${conversion.rate}`);
    if (delayMs > 0 && !(await this.wait(ctx.taskId, delayMs))) return; // cancelled: cancelTask has published the state
    bus.publish(
      AgentEvent.artifactUpdate({
        taskId: ctx.taskId,
        contextId: ctx.contextId,
        artifact: { artifactId: 'conversion', name: 'conversion', description: 'the converted amount', parts: [Part.fromJSON({ data: conversion })], metadata: undefined, extensions: [] },
        append: false,
        lastChunk: true,
        metadata: undefined,
      }),
    );
    publishStatus(ctx, bus, TaskState.TASK_STATE_COMPLETED, `${conversion.amount} ${conversion.from} = ${conversion.converted} ${conversion.to}`);
  }

  /** Resolves true after `ms`, false as soon as the task is cancelled. */
  private wait(taskId: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.cancels.delete(taskId);
        resolve(true);
      }, ms);
      this.cancels.set(taskId, () => {
        clearTimeout(timer);
        this.cancels.delete(taskId);
        resolve(false);
      });
    });
  }
}
