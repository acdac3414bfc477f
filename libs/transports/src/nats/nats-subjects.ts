/** The default first token of every agent subject. */
export const DEFAULT_AGENT_SUBJECT_PREFIX = 'agents';

/** The subjects one agent is reached on (`<prefix>.<agent>.execute|cancel|input`). */
export interface AgentSubjects {
  /** Attempts; replicas subscribe in queue group `queue`, so each attempt goes to one of them. */
  execute: string;
  queue: string;
  /** `{key}`: every replica hears it (no queue group); the one running the attempt aborts it. */
  cancel: string;
  /** `{key, inputId, answer}`: every replica hears it; only the one holding the question replies. */
  input: string;
}

const TOKEN = /^[A-Za-z0-9_-]+$/;

/** An agent name or prefix that would break the subject (a dot, a wildcard, a space) is refused here. */
export function agentSubjects(agent: string, prefix = DEFAULT_AGENT_SUBJECT_PREFIX): AgentSubjects {
  if (!TOKEN.test(agent)) throw new TypeError(`agent name "${agent}" cannot be a NATS subject token (use letters, digits, _ and -)`);
  if (!prefix.split('.').every((part) => TOKEN.test(part))) throw new TypeError(`subject prefix "${prefix}" is not a valid NATS subject (letters, digits, _, - and dots)`);
  const base = `${prefix}.${agent}`;
  return { execute: `${base}.execute`, queue: base, cancel: `${base}.cancel`, input: `${base}.input` };
}

/** The body of a cancel message. */
export interface CancelMessage {
  key: string;
}

/** The body of an input answer. */
export interface InputAnswerMessage {
  key: string;
  inputId: string;
  answer: unknown;
}
