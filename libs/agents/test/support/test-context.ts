import type { TaskRequest } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest, type StandaloneContext } from '@a2a-mcp/core-graph/testing';

export type ProgressReport = StandaloneContext['progress'][number];

/** A TaskContext on a VirtualClock that records what the agent reported (core-graph's standalone context). */
export type TestContext = StandaloneContext;

export function createTestContext(options: { attempt?: number; runId?: string; taskId?: string; start?: number } = {}): TestContext {
  return createStandaloneContext(options);
}

export function taskRequest(overrides: Partial<TaskRequest> = {}): TaskRequest {
  return createTaskRequest(overrides);
}
