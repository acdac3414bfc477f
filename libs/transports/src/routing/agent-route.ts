import type { TaskExecutor } from '@a2a-mcp/core-graph';
import type { TransportKind } from '../transport-errors';

/** Where one agent lives and how to call it. */
export interface AgentRoute {
  agent: string;
  transport: TransportKind;
  /** `in-process`, `nats://127.0.0.1:4222`, `127.0.0.1:50051`. */
  address: string;
  executor: TaskExecutor;
}
