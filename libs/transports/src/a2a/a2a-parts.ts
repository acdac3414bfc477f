import type { ArtifactPart, TaskContext, TaskRequest } from '@a2a-mcp/core-graph';
import { Role, type Artifact, type Message, type Part } from '@a2a-js/sdk';

const textPart = (value: string): Part => ({ content: { $case: 'text', value }, metadata: undefined, filename: '', mediaType: 'text/plain' });
const dataPart = (value: unknown): Part => ({ content: { $case: 'data', value }, metadata: undefined, filename: '', mediaType: 'application/json' });

function userMessage(messageId: string, contextId: string, taskId: string, parts: Part[], metadata: Record<string, unknown>): Message {
  return { messageId, contextId, taskId, role: Role.ROLE_USER, parts, metadata, extensions: [], referenceTaskIds: [] };
}

/**
 * The message that starts a task on the agent: the description as text (what a language-model agent
 * reads) and `{ input, dependencyOutputs }` as data (what a programmatic agent reads). The context is
 * the run; the message id is the attempt's idempotency key, so a re-dispatch of the same attempt is
 * recognisable on the agent's side.
 */
export function taskMessage(task: TaskRequest, ctx: TaskContext): Message {
  return userMessage(ctx.idempotencyKey, task.runId, '', [textPart(task.description), dataPart({ input: task.input, dependencyOutputs: task.dependencyOutputs })], {
    runId: task.runId,
    taskId: task.taskId,
    attempt: ctx.attempt,
    idempotencyKey: ctx.idempotencyKey,
  });
}

/** A person's answer to an `input-required` question, as the next message on the same A2A task. */
export function answerMessage(answer: unknown, a2aTaskId: string, contextId: string, messageId: string): Message {
  const parts = typeof answer === 'string' ? [textPart(answer)] : [textPart(JSON.stringify(answer) ?? ''), dataPart(answer)];
  return userMessage(messageId, contextId, a2aTaskId, parts, {});
}

/** A part as a plain value: text as a string, data as itself, a file as `{ url | bytes (base64), mediaType, filename }`. */
export function partValue(part: Part): unknown {
  const content = part.content;
  switch (content?.$case) {
    case 'text':
      return content.value;
    case 'data':
      return content.value ?? null;
    case 'url':
      return { url: content.value, mediaType: part.mediaType || undefined, filename: part.filename || undefined };
    case 'raw':
      return { bytes: Buffer.from(content.value).toString('base64'), mediaType: part.mediaType || undefined, filename: part.filename || undefined };
    default:
      return null;
  }
}

/** The text parts joined by a newline; '' when there are none. */
export function textOf(parts: readonly Part[]): string {
  return parts
    .flatMap((part) => (part.content?.$case === 'text' ? [part.content.value] : []))
    .join('\n');
}

/** The last data part's value, or undefined when there is none. */
export function lastDataOf(parts: readonly Part[]): { value: unknown } | undefined {
  for (let index = parts.length - 1; index >= 0; index--) {
    const content = parts[index].content;
    if (content?.$case === 'data') return { value: content.value ?? null };
  }
  return undefined;
}

/** One artifact update as the engine's ArtifactPart: one part as its value, several as a list. */
export function artifactPartOf(artifact: Artifact): ArtifactPart {
  const values = artifact.parts.map(partValue);
  const only = artifact.parts.length === 1 ? artifact.parts[0] : undefined;
  const mimeType = only === undefined ? undefined : only.mediaType || (only.content?.$case === 'data' ? 'application/json' : only.content?.$case === 'text' ? 'text/plain' : undefined);
  return {
    name: artifact.name || artifact.artifactId,
    ...(mimeType ? { mimeType } : {}),
    data: only === undefined ? values : values[0],
  };
}
