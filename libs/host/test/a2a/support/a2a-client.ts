import { randomUUID } from 'node:crypto';
import { Role, TaskState, type Message, type Part, type StreamResponse, type Task } from '@a2a-js/sdk';
import { ClientFactory, type Client } from '@a2a-js/sdk/client';
import type { SendMessageRequest } from '@a2a-js/sdk';

/** The SDK's own client for the host at `baseUrl`: it reads the agent card, then speaks JSON-RPC 1.0. */
export function a2aClient(baseUrl: string): Promise<Client> {
  return new ClientFactory().createFromUrl(baseUrl);
}

export function textPart(text: string): Part {
  return { content: { $case: 'text', value: text }, metadata: undefined, filename: '', mediaType: 'text/plain' };
}

export function dataPart(value: unknown): Part {
  return { content: { $case: 'data', value }, metadata: undefined, filename: '', mediaType: 'application/json' };
}

export function userMessage(parts: Part[], options: { taskId?: string; metadata?: Record<string, unknown> } = {}): Message {
  return {
    messageId: randomUUID(),
    contextId: '',
    taskId: options.taskId ?? '',
    role: Role.ROLE_USER,
    parts,
    metadata: options.metadata,
    extensions: [],
    referenceTaskIds: [],
  };
}

export function sendRequest(message: Message): SendMessageRequest {
  return { tenant: '', message, configuration: undefined, metadata: undefined };
}

/** A send's result as a task (the host always answers with one). */
export function asTask(result: Message | Task): Task {
  if (!('status' in result)) throw new Error(`expected a task, got a message: ${JSON.stringify(result)}`);
  return result;
}

/** Every event of a stream, in order. */
export async function collect(stream: AsyncGenerator<StreamResponse, void, undefined>): Promise<StreamResponse[]> {
  const events: StreamResponse[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The text of a status's message. */
export function statusText(task: { status?: { message?: Message } }): string {
  const parts = task.status?.message?.parts ?? [];
  return parts.map((part) => (part.content?.$case === 'text' ? part.content.value : '')).join('');
}

/** The states of the status updates of a stream, in order, by name (`TASK_STATE_WORKING` → `working`). */
export function statesOf(events: StreamResponse[]): string[] {
  return events.flatMap((event) => (event.payload?.$case === 'statusUpdate' ? [stateName(event.payload.value.status?.state)] : []));
}

export function stateName(state: TaskState | undefined): string {
  return state === undefined ? 'none' : TaskState[state].replace('TASK_STATE_', '').toLowerCase().replace('_', '-');
}

/** The value of an artifact's first data part. */
export function artifactData(task: Task, artifactId: string): unknown {
  const artifact = task.artifacts.find((candidate) => candidate.artifactId === artifactId);
  const part = artifact?.parts[0];
  return part?.content?.$case === 'data' ? part.content.value : undefined;
}
