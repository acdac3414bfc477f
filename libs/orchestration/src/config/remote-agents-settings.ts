import {
  AgentsConfigError,
  DEFAULT_TRANSPORT_SETTINGS,
  TransportSettingsError,
  readAgentsConfigFile,
  transportSettingsFromEnv,
  type AgentsConfig,
  type TransportSettings,
} from '@a2a-mcp/transports';
import type { Environment } from './env-reader';
import type { EnvReader } from './env-reader';

/** AGENTS_MODE: where the host's agents run. */
export const AGENTS_MODES = ['embedded', 'remote', 'both'] as const;
export type AgentsMode = (typeof AGENTS_MODES)[number];

/** How the host finds and watches agents that run as separate services. */
export interface RemoteAgentsSettings {
  /** embedded: in process only (default); remote: only agents served over NATS/gRPC; both: in process, plus remote ones. */
  mode: AgentsMode;
  /** AGENTS_CONFIG: agents pinned to a transport and address (read and checked at boot). */
  pinned?: AgentsConfig;
  /** AGENT_ANNOUNCE_MS: a replica announces itself this often; the host polls pinned gRPC agents' Health as often. */
  announceMs: number;
  /** AGENTS_DISCOVERY_WINDOW_MS: how long the host collects discovery replies at boot. */
  discoveryWindowMs: number;
  /** AGENTS_SUBJECT_PREFIX: keeps separate deployments apart on one NATS server (default none). */
  subjectPrefix: string;
}

export const DEFAULT_ANNOUNCE_MS = 5_000;
export const DEFAULT_DISCOVERY_WINDOW_MS = 500;
/** An agent stays healthy while one of its replicas announced within this many of its periods. */
export const MISSED_ANNOUNCEMENTS = 3;

const SUBJECT_PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.$/;

export function readRemoteAgentsSettings(read: EnvReader): RemoteAgentsSettings {
  const mode = read.choice('AGENTS_MODE', AGENTS_MODES, 'embedded');
  const settings: RemoteAgentsSettings = {
    mode,
    announceMs: read.integer('AGENT_ANNOUNCE_MS', DEFAULT_ANNOUNCE_MS, 10, 3_600_000),
    discoveryWindowMs: read.integer('AGENTS_DISCOVERY_WINDOW_MS', DEFAULT_DISCOVERY_WINDOW_MS, 0, 60_000),
    subjectPrefix: read.parsed('AGENTS_SUBJECT_PREFIX', '', 'NATS subject tokens ending with a dot, e.g. "staging."', (value) => {
      if (!SUBJECT_PREFIX.test(value.trim())) throw new Error('bad prefix');
      return value.trim();
    }),
  };
  const file = read.raw('AGENTS_CONFIG')?.trim();
  if (file === undefined) return settings;
  try {
    settings.pinned = readAgentsConfigFile(file);
  } catch (error) {
    if (!(error instanceof AgentsConfigError)) throw error;
    read.report('AGENTS_CONFIG', file, `a readable agents file; ${error.message}`);
    return settings;
  }
  // A2A agents by card URL need no NATS; agents pinned to NATS or gRPC do.
  if (mode === 'embedded' && settings.pinned.agents.length > 0) {
    read.report('AGENTS_CONFIG', file, `NATS or gRPC agents (here "${settings.pinned.agents[0].name}") only with AGENTS_MODE=remote or both; with embedded, only transport: a2a entries`);
  }
  return settings;
}

/**
 * NATS_URL, AGENT_HEARTBEAT_MS, AGENT_MISSED_HEARTBEATS, CONNECTION_POOL_SIZE, AGENT_MAX_PAYLOAD_BYTES, the
 * NATS login and TLS variables and GRPC_TLS_*: the transports read them (agents' replicas too); checked at
 * boot with the host's other variables.
 */
export function readTransportSettings(read: EnvReader, env: Environment): TransportSettings {
  try {
    return transportSettingsFromEnv(env);
  } catch (error) {
    if (!(error instanceof TransportSettingsError)) throw error;
    for (const problem of error.problems) {
      // CONNECTION_POOL_SIZE is the host's setting too: report a bad value once.
      if (read.issues.some((known) => known.variable === problem.variable)) continue;
      // The problem's value, not the raw variable: a password, token or seed comes as <hidden>.
      read.report(problem.variable, problem.value, problem.expected);
    }
    return { ...DEFAULT_TRANSPORT_SETTINGS };
  }
}
