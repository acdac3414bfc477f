import { TaskError, type ArtifactPart } from '@a2a-mcp/core-graph';

/**
 * What the agent side streams back for one attempt, in order: any number of progress, artifact,
 * input-required and heartbeat frames, then exactly one result or error frame. Every frame names the
 * attempt it belongs to (`key`, the idempotency key), so a late reply for another attempt is refused.
 */
export type AttemptFrame =
  | { kind: 'progress'; key: string; pct: number; message?: string }
  | { kind: 'artifact'; key: string; part: ArtifactPart }
  /** The agent called ctx.requestInput: the caller pauses the task and answers with `inputId`. */
  | { kind: 'input-required'; key: string; inputId: string; question: string }
  | { kind: 'heartbeat'; key: string; replicaId: string }
  | { kind: 'result'; key: string; replicaId: string; output: unknown }
  | { kind: 'error'; key: string; replicaId: string; code: string; message: string; retryable: boolean };

export type FinalFrame = Extract<AttemptFrame, { kind: 'result' | 'error' }>;

export const isFinalFrame = (frame: AttemptFrame): frame is FinalFrame => frame.kind === 'result' || frame.kind === 'error';

/** A reply the caller cannot use: malformed, or for another attempt. Retryable: another replica may answer well. */
export class BadAgentReplyError extends TaskError {
  constructor(agent: string, detail: string) {
    super('BAD_AGENT_REPLY', `agent "${agent}" sent a reply the host cannot use: ${detail}`, true);
    this.name = 'BadAgentReplyError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Checks one decoded frame from the wire. Throws BadAgentReplyError naming what is wrong (the field,
 * or the other attempt's key) — never trusts the shape of a remote reply.
 */
export function parseAttemptFrame(raw: unknown, expectedKey: string, agent: string): AttemptFrame {
  if (!isRecord(raw)) throw new BadAgentReplyError(agent, `a frame must be an object, got ${raw === null ? 'null' : typeof raw}`);
  const { kind, key } = raw;
  if (!isString(key)) throw new BadAgentReplyError(agent, 'frame.key must be a string');
  if (key !== expectedKey) throw new BadAgentReplyError(agent, `a frame for attempt "${key.slice(0, 200)}" arrived on attempt "${expectedKey}"`);
  const need = (field: string, ok: boolean): void => {
    if (!ok) throw new BadAgentReplyError(agent, `${String(kind)} frame: ${field} is missing or has the wrong type`);
  };
  switch (kind) {
    case 'progress':
      need('pct (a number)', typeof raw.pct === 'number' && Number.isFinite(raw.pct));
      need('message (a string)', raw.message === undefined || isString(raw.message));
      return { kind, key, pct: raw.pct as number, message: raw.message as string | undefined };
    case 'artifact':
      need('part (an object with data)', isRecord(raw.part) && 'data' in raw.part);
      return { kind, key, part: raw.part as unknown as ArtifactPart };
    case 'input-required':
      need('inputId (a string)', isString(raw.inputId));
      need('question (a string)', isString(raw.question));
      return { kind, key, inputId: raw.inputId as string, question: raw.question as string };
    case 'heartbeat':
      need('replicaId (a string)', isString(raw.replicaId));
      return { kind, key, replicaId: raw.replicaId as string };
    case 'result':
      need('replicaId (a string)', isString(raw.replicaId));
      need('output', 'output' in raw);
      return { kind, key, replicaId: raw.replicaId as string, output: raw.output };
    case 'error':
      need('replicaId (a string)', isString(raw.replicaId));
      // proto3 decodes an error frame without its code as '': a failure must still name itself.
      need('code (a non-empty string)', isString(raw.code) && raw.code !== '');
      need('message (a string)', isString(raw.message));
      need('retryable (a boolean)', typeof raw.retryable === 'boolean');
      return {
        kind,
        key,
        replicaId: raw.replicaId as string,
        code: raw.code as string,
        message: raw.message as string,
        retryable: raw.retryable as boolean,
      };
    default:
      throw new BadAgentReplyError(agent, `unknown frame kind ${JSON.stringify(kind)?.slice(0, 80)}`);
  }
}
