import { hostname } from 'node:os';
import { ENV_BOOLEAN_ALLOWED, parseEnvBoolean } from '@a2a-mcp/quality';
import { transportSettingsFromEnv, TransportSettingsError, type TransportSettings } from '@a2a-mcp/transports';

/** How one replica of the demo agents runs (read from the environment at start). */
export interface ReplicaSettings {
  /** AGENTS_REPLICA_ID: names the replica in results and announcements; default hostname-pid. */
  replicaId: string;
  /** AGENTS_GRPC_HOST: the interface the gRPC server binds (default 0.0.0.0). */
  grpcHost: string;
  /** AGENTS_GRPC_PORT: default 50051; 0 picks a free port (printed at start). */
  grpcPort: number;
  /** AGENTS_ADVERTISE_HOST: the host others dial for this replica's gRPC server (default 127.0.0.1). */
  advertiseHost: string;
  /** AGENT_ANNOUNCE_MS: how often it announces its agents on NATS (default 5000). */
  announceMs: number;
  /** AGENTS_SUBJECT_PREFIX: the NATS subject prefix shared with the host (default none). */
  subjectPrefix: string;
  /** METRICS_PORT: the HTTP port of /metrics and /health (default 9464, Prometheus's exporter range; 0 picks a free port). */
  metricsPort: number;
  /** ENABLE_OBSERVABILITY (default true): false leaves /metrics answering 404 and counts nothing. */
  observability: boolean;
  /** LOG_LEVEL=debug also prints each attempt as it starts and completes (`started <key>`, `completed <key>`). */
  logCompletions: boolean;
  transports: TransportSettings;
}

/** A bad variable: the message names each one. */
export class ReplicaSettingsError extends Error {
  readonly code = 'INVALID_CONFIG' as const;
  constructor(readonly issues: readonly string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
    this.name = 'ReplicaSettingsError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

export function replicaSettingsFromEnv(env: Environment = process.env): ReplicaSettings {
  const issues: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === undefined) return fallback;
    const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    issues.push(`${name}=${JSON.stringify(value.slice(0, 80))} (allowed: an integer from ${min} to ${max})`);
    return fallback;
  };
  const replicaId = text('AGENTS_REPLICA_ID') ?? `${hostname()}-${process.pid}`;
  if (!/^[\w.:-]{1,128}$/.test(replicaId)) issues.push(`AGENTS_REPLICA_ID=${JSON.stringify(replicaId.slice(0, 80))} (allowed: 1-128 letters, digits, . _ : -)`);
  const subjectPrefix = text('AGENTS_SUBJECT_PREFIX') ?? '';
  if (subjectPrefix !== '' && !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.$/.test(subjectPrefix)) {
    issues.push(`AGENTS_SUBJECT_PREFIX=${JSON.stringify(subjectPrefix.slice(0, 80))} (allowed: NATS subject tokens ending with a dot, e.g. "staging.")`);
  }
  const level = text('LOG_LEVEL')?.toLowerCase() ?? 'info';
  if (!['error', 'warn', 'info', 'debug'].includes(level)) issues.push(`LOG_LEVEL=${JSON.stringify(level.slice(0, 80))} (allowed: one of error, warn, info, debug)`);
  let transports: TransportSettings | undefined;
  try {
    transports = transportSettingsFromEnv(env);
  } catch (error) {
    if (!(error instanceof TransportSettingsError)) throw error;
    issues.push(...error.issues);
  }
  // The host trusts a CA with GRPC_TLS_CA_FILE alone; a replica serving TLS needs its own certificate.
  const grpcTls = transports?.grpcTls;
  if (grpcTls !== undefined && grpcTls.certFile === undefined) {
    issues.push(`GRPC_TLS_CA_FILE=${JSON.stringify(grpcTls.caFile ?? '')} (allowed: on a replica, only with GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE, the certificate it serves TLS with)`);
  }
  const observability = parseEnvBoolean(env['ENABLE_OBSERVABILITY']);
  if (observability === 'invalid') issues.push(`ENABLE_OBSERVABILITY=${JSON.stringify(String(env['ENABLE_OBSERVABILITY']).slice(0, 80))} (allowed: ${ENV_BOOLEAN_ALLOWED})`);
  const settings = {
    replicaId,
    metricsPort: integer('METRICS_PORT', 9464, 0, 65_535),
    observability: observability !== false,
    grpcHost: text('AGENTS_GRPC_HOST') ?? '0.0.0.0',
    grpcPort: integer('AGENTS_GRPC_PORT', 50051, 0, 65_535),
    advertiseHost: text('AGENTS_ADVERTISE_HOST') ?? '127.0.0.1',
    announceMs: integer('AGENT_ANNOUNCE_MS', 5000, 10, 3_600_000),
    subjectPrefix,
    logCompletions: level === 'debug',
  };
  if (issues.length > 0 || transports === undefined) throw new ReplicaSettingsError(issues);
  return { ...settings, transports };
}
