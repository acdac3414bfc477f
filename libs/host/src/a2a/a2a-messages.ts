import { randomUUID } from 'node:crypto';
import { Role, type Message, type Part } from '@a2a-js/sdk';

/**
 * What an agent message of the host is about, in its metadata: `progress` (a task started, ended,
 * ...), `question` (a paused task asks), `result` (the run's outcome). A task's kept history is the
 * user's messages plus the questions and results.
 */
export type HostMessageKind = 'progress' | 'question' | 'result';

export interface HostMessageMetadata {
  kind: HostMessageKind;
  /** The plan task the message is about (`payment`), when there is one. */
  planTask?: string;
  /** The run event it reports (`task_complete`) and its sequence number. */
  runEvent?: string;
  seq?: number;
}

export function textPart(text: string): Part {
  return { content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' };
}

export function dataPart(value: unknown, mediaType = 'application/json'): Part {
  return { content: { $case: 'data', value: toJsonValue(value) }, metadata: undefined, filename: '', mediaType };
}

/** A message from the host (role agent) on task `taskId`. */
export function agentMessage(taskId: string, contextId: string, text: string, metadata: HostMessageMetadata): Message {
  return {
    messageId: randomUUID(),
    contextId,
    taskId,
    role: Role.ROLE_AGENT,
    parts: [textPart(text)],
    metadata: { ...metadata },
    extensions: [],
    referenceTaskIds: [],
  };
}

/** Whether a message belongs in a task's kept history (see HostMessageKind). */
export function isKeptMessage(message: Message): boolean {
  if (message.role === Role.ROLE_USER) return true;
  const kind: unknown = message.metadata?.kind;
  return kind === 'question' || kind === 'result';
}

/** The text parts of a message, joined by newlines and trimmed. */
export function textOf(message: Message): string {
  return message.parts
    .flatMap((part) => (part.content?.$case === 'text' ? [part.content.value] : []))
    .join('\n')
    .trim();
}

/** The data parts of a message with their index among all parts (for error paths such as `message.parts[1].data`). */
export function dataPartsOf(message: Message): { index: number; value: unknown }[] {
  const found: { index: number; value: unknown }[] = [];
  message.parts.forEach((part, index) => {
    if (part.content?.$case === 'data') found.push({ index, value: part.content.value as unknown });
  });
  return found;
}

/**
 * A value as JSON would carry it: the SDK deep-copies parts (structuredClone), which an agent's
 * output holding a function or a class with private state would make throw. undefined becomes null.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  try {
    return JSON.parse(JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner))) as unknown;
  } catch {
    return String(value);
  }
}
