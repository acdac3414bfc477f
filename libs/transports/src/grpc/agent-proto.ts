import { join } from 'node:path';
import type { Options } from '@grpc/proto-loader';

/**
 * proto/agent.proto, found from this file's folder: src/grpc under Jest and dist/grpc once built
 * both sit two levels below the package root, where proto/ is checked in.
 */
export const AGENT_PROTO_PATH = join(__dirname, '..', '..', 'proto', 'agent.proto');
export const AGENT_PROTO_PACKAGE = 'a2a_mcp.agent.v1';
export const AGENT_SERVICE_NAME = 'AgentService';

/** Both sides decode alike: camelCase fields, int64 as numbers, zero values present, oneof names set. */
export const AGENT_PROTO_LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

// The messages as @grpc/proto-loader decodes them with the options above (see proto/agent.proto).

export interface ExecuteRequestMessage {
  taskJson: string;
  attempt: number;
  idempotencyKey: string;
  /** 0: no deadline. */
  deadlineAtMs: number;
  traceparent: string;
}

export type FrameCase = 'progress' | 'artifact' | 'inputRequired' | 'heartbeat' | 'result' | 'error';

export interface AttemptFrameMessage {
  key: string;
  /** Which member of the `frame` oneof is set (decoded messages only). */
  frame?: FrameCase;
  progress?: { pct: number; message?: string };
  artifact?: { partJson: string };
  inputRequired?: { inputId: string; question: string };
  heartbeat?: { replicaId: string };
  result?: { replicaId: string; outputJson: string };
  error?: { replicaId: string; code: string; message: string; retryable: boolean };
}

export interface AnswerInputRequestMessage {
  idempotencyKey: string;
  inputId: string;
  answerJson: string;
}

export interface AnswerInputReplyMessage {
  accepted: boolean;
}

export interface GetCardRequestMessage {
  name: string;
}

export interface AgentCardsMessage {
  cardsJson: string[];
}

export type HealthRequestMessage = Record<string, never>;

export interface HealthReplyMessage {
  status: 'UNKNOWN' | 'SERVING' | 'NOT_SERVING';
  replicaId: string;
  agents: string[];
}
