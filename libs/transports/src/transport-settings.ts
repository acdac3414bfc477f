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
}

export const DEFAULT_TRANSPORT_SETTINGS: Readonly<TransportSettings> = {
  natsUrl: 'nats://127.0.0.1:4222',
  heartbeatMs: 1000,
  missedBeats: 3,
  // The orchestrator's CONNECTION_POOL_SIZE default (libs/orchestration config), so both read one value alike.
  poolSize: 20,
  maxPayloadBytes: 1024 * 1024,
};

/** A bad transport variable; `issues` names each one with its value and what is allowed. */
export class TransportSettingsError extends Error {
  readonly code = 'INVALID_TRANSPORT_SETTINGS';
  constructor(readonly issues: readonly string[]) {
    super(`invalid transport settings: ${issues.join('; ')}`);
    this.name = 'TransportSettingsError';
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Reads NATS_URL, AGENT_HEARTBEAT_MS, AGENT_MISSED_HEARTBEATS, CONNECTION_POOL_SIZE and AGENT_MAX_PAYLOAD_BYTES; unset or blank → default. */
export function transportSettingsFromEnv(env: Environment = process.env): TransportSettings {
  const issues: string[] = [];
  const integer = (variable: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const text = env[variable]?.trim();
    if (text === undefined || text === '') return fallback;
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    issues.push(`${variable}=${JSON.stringify(text.slice(0, 80))}: expected an integer from ${min} to ${max}`);
    return fallback;
  };
  const settings: TransportSettings = {
    natsUrl: natsUrlOf(env.NATS_URL, issues),
    heartbeatMs: integer('AGENT_HEARTBEAT_MS', DEFAULT_TRANSPORT_SETTINGS.heartbeatMs, 1, 3_600_000),
    missedBeats: integer('AGENT_MISSED_HEARTBEATS', DEFAULT_TRANSPORT_SETTINGS.missedBeats, 1, 1000),
    poolSize: integer('CONNECTION_POOL_SIZE', DEFAULT_TRANSPORT_SETTINGS.poolSize, 1),
    maxPayloadBytes: integer('AGENT_MAX_PAYLOAD_BYTES', DEFAULT_TRANSPORT_SETTINGS.maxPayloadBytes, 1),
  };
  if (issues.length > 0) throw new TransportSettingsError(issues);
  return settings;
}

function natsUrlOf(raw: string | undefined, issues: string[]): string {
  const text = raw?.trim();
  if (text === undefined || text === '') return DEFAULT_TRANSPORT_SETTINGS.natsUrl;
  const bad = text.split(',').map((s) => s.trim()).filter((server) => !/^(nats|tls|ws|wss):\/\/[^\s/]+$/.test(server) && !/^[\w.-]+:\d+$/.test(server));
  if (bad.length > 0) issues.push(`NATS_URL=${JSON.stringify(text.slice(0, 200))}: expected nats://host:port (comma-separated for several servers)`);
  return text;
}
