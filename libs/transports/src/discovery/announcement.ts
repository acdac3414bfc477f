import type { AgentCard } from '@a2a-mcp/agents';

/**
 * The subjects of discovery. A replica publishes its announcement on `announce` at start and every
 * announce period, and answers requests on `discovery` (every replica answers, so the host collects
 * replies for a short window). `prefix` keeps separate deployments (or parallel tests) apart on one server.
 */
export interface DiscoverySubjects {
  announce: string;
  discovery: string;
}

export function discoverySubjects(prefix = ''): DiscoverySubjects {
  return { announce: `${prefix}agents.announce`, discovery: `${prefix}agents.discovery` };
}

/** What one replica says about itself. */
export interface AgentAnnouncement {
  replicaId: string;
  /** The cards of the agents it serves. */
  cards: AgentCard[];
  /** host:port of its gRPC server; absent when it serves over NATS only. */
  grpcAddress?: string;
  /** How often it announces: the host marks its agents unhealthy after a few silent periods. */
  announceMs: number;
  /** Set on the last announcement of a replica that is shutting down. */
  leaving?: boolean;
}

/** An announcement the host cannot use; discovery drops it and says why. */
export class AnnouncementError extends Error {
  readonly code = 'BAD_ANNOUNCEMENT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'AnnouncementError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the shape of a decoded announcement (the cards themselves are checked when they are registered). */
export function parseAnnouncement(raw: unknown): AgentAnnouncement {
  if (!isRecord(raw)) throw new AnnouncementError('an announcement must be a JSON object');
  const { replicaId, cards, grpcAddress, announceMs, leaving } = raw;
  if (typeof replicaId !== 'string' || replicaId.length === 0) throw new AnnouncementError('announcement.replicaId must be a non-empty string');
  if (!Array.isArray(cards) || !cards.every((card) => isRecord(card) && typeof card.name === 'string')) {
    throw new AnnouncementError(`announcement of "${replicaId}": cards must be an array of agent cards with a name`);
  }
  if (grpcAddress !== undefined && typeof grpcAddress !== 'string') {
    throw new AnnouncementError(`announcement of "${replicaId}": grpcAddress must be a "host:port" string`);
  }
  if (typeof announceMs !== 'number' || !Number.isFinite(announceMs) || announceMs <= 0) {
    throw new AnnouncementError(`announcement of "${replicaId}": announceMs must be a positive number`);
  }
  if (leaving !== undefined && typeof leaving !== 'boolean') throw new AnnouncementError(`announcement of "${replicaId}": leaving must be a boolean`);
  return {
    replicaId,
    cards: cards as unknown as AgentCard[],
    ...(grpcAddress === undefined ? {} : { grpcAddress }),
    announceMs,
    ...(leaving === true ? { leaving } : {}),
  };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const encodeAnnouncement = (announcement: AgentAnnouncement): Uint8Array => encoder.encode(JSON.stringify(announcement));

/** Decodes and checks; throws AnnouncementError on bad JSON or a bad shape. */
export function decodeAnnouncement(data: Uint8Array): AgentAnnouncement {
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(data));
  } catch {
    throw new AnnouncementError('an announcement must be JSON');
  }
  return parseAnnouncement(raw);
}

/** The NATS transport's subject prefix under AGENTS_SUBJECT_PREFIX: `agents`, or `staging.agents` for "staging.". */
export const natsSubjectPrefix = (prefix = ''): string => `${prefix}agents`;
