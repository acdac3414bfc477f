import { readGrpcTls, type GrpcTlsFiles } from './grpc/grpc-tls';
import { readNatsAuth, readNatsTls, type NatsAuth, type NatsTlsFiles } from './nats/nats-auth';
import type { ReportProblem } from './security/tls-files';
import { TransportSettingsError, type TransportSettingProblem } from './transport-settings-error';

export { TransportSettingsError, type TransportSettingProblem } from './transport-settings-error';

/** How hosts and agents reach each other over NATS and gRPC; read from the environment at boot. */
export interface TransportSettings {
  /** NATS_URL: one server or a comma-separated list. */
  natsUrl: string;
  /** AGENT_HEARTBEAT_MS: how often a serving replica sends a heartbeat frame. */
  heartbeatMs: number;
  /** AGENT_MISSED_HEARTBEATS: silent intervals before the host declares the replica lost (AGENT_LOST). */
  missedBeats: number;
  /** CONNECTION_POOL_SIZE: connections/channels per address (the orchestrator's setting, same default). */
  poolSize: number;
  /** AGENT_MAX_PAYLOAD_BYTES: larger requests and frames are refused with a clear error. */
  maxPayloadBytes: number;
  /** NATS_USER+NATS_PASSWORD, NATS_TOKEN, NATS_NKEY_SEED or NATS_CREDS_FILE; absent: no login. */
  natsAuth?: NatsAuth;
  /** NATS_TLS_CA_FILE, NATS_TLS_CERT_FILE, NATS_TLS_KEY_FILE; absent: TLS only if the server asks (system CAs). */
  natsTls?: NatsTlsFiles;
  /** GRPC_TLS_CA_FILE, GRPC_TLS_CERT_FILE, GRPC_TLS_KEY_FILE, GRPC_TLS_SERVER_NAME; absent: plaintext gRPC. */
  grpcTls?: GrpcTlsFiles;
}

export const DEFAULT_TRANSPORT_SETTINGS: Readonly<TransportSettings> = {
  natsUrl: 'nats://127.0.0.1:4222',
  heartbeatMs: 1000,
  missedBeats: 3,
  // The orchestrator's CONNECTION_POOL_SIZE default (libs/orchestration config), so both read one value alike.
  poolSize: 20,
  maxPayloadBytes: 1024 * 1024,
};

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads NATS_URL, AGENT_HEARTBEAT_MS, AGENT_MISSED_HEARTBEATS, CONNECTION_POOL_SIZE, AGENT_MAX_PAYLOAD_BYTES,
 * the NATS login and TLS variables and GRPC_TLS_*; unset or blank → default (no login, plaintext gRPC).
 * Throws one TransportSettingsError naming every bad variable; the files named are read and checked now.
 */
export function transportSettingsFromEnv(env: Environment = process.env): TransportSettings {
  const problems: TransportSettingProblem[] = [];
  const report: ReportProblem = (variable, value, expected) => problems.push({ variable, value, expected });
  const integer = (variable: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const text = env[variable]?.trim();
    if (text === undefined || text === '') return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    report(variable, text.slice(0, 80), `expected an integer from ${min} to ${max}`);
    return fallback;
  };
  const settings: TransportSettings = {
    natsUrl: natsUrlOf(env.NATS_URL, report),
    heartbeatMs: integer('AGENT_HEARTBEAT_MS', DEFAULT_TRANSPORT_SETTINGS.heartbeatMs, 1, 3_600_000),
    missedBeats: integer('AGENT_MISSED_HEARTBEATS', DEFAULT_TRANSPORT_SETTINGS.missedBeats, 1, 1000),
    poolSize: integer('CONNECTION_POOL_SIZE', DEFAULT_TRANSPORT_SETTINGS.poolSize, 1),
    maxPayloadBytes: integer('AGENT_MAX_PAYLOAD_BYTES', DEFAULT_TRANSPORT_SETTINGS.maxPayloadBytes, 1),
  };
  const natsAuth = readNatsAuth(env, report);
  if (natsAuth !== undefined) settings.natsAuth = natsAuth;
  const natsTls = readNatsTls(env, report);
  if (natsTls !== undefined) settings.natsTls = natsTls;
  const grpcTls = readGrpcTls(env, report);
  if (grpcTls !== undefined) settings.grpcTls = grpcTls;
  if (problems.length > 0) throw new TransportSettingsError(problems);
  return settings;
}

function natsUrlOf(raw: string | undefined, report: ReportProblem): string {
  const text = raw?.trim();
  if (text === undefined || text === '') return DEFAULT_TRANSPORT_SETTINGS.natsUrl;
  const bad = text.split(',').map((s) => s.trim()).filter((server) => !/^(nats|tls|ws|wss):\/\/[^\s/]+$/.test(server) && !/^[\w.-]+:\d+$/.test(server));
  if (bad.length > 0) report('NATS_URL', text.slice(0, 200), 'expected nats://host:port (comma-separated for several servers)');
  return text;
}
