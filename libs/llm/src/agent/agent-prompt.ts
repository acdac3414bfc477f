import type { TaskRequest } from '@a2a-mcp/core-graph';
import type { ChatMessage } from '../client/chat-completion';

/** The agent's system prompt followed by the answer format: one JSON object matching `schemaText`. */
export function systemMessage(systemPrompt: string, schemaText: string): string {
  return [
    systemPrompt.trim(),
    '',
    'Answer with a single JSON object and nothing else: no prose, no code fences. It must match this JSON Schema:',
    schemaText,
  ].join('\n');
}

/**
 * The messages for one task: the system message, then the task as a JSON object `{task, input?,
 * dependencyOutputs?}` (the description, the task's input and its dependencies' outputs by task id;
 * empty ones left out).
 */
export function taskMessages(system: string, task: TaskRequest): ChatMessage[] {
  const request: Record<string, unknown> = { task: task.description };
  if (Object.keys(task.input).length > 0) request.input = task.input;
  if (Object.keys(task.dependencyOutputs).length > 0) request.dependencyOutputs = task.dependencyOutputs;
  return [
    { role: 'system', content: system },
    { role: 'user', content: JSON.stringify(request) },
  ];
}
