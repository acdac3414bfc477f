import { ENV_BOOLEAN_ALLOWED, parseEnvBoolean } from '@a2a-mcp/quality';

/** A tracing variable with a value the SDK would misread or ignore: named, with what it accepts. */
export class TracingConfigError extends Error {
  readonly code = 'INVALID_TRACING_CONFIG' as const;

  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'TracingConfigError';
  }
}

/** Whether to start the SDK, and why: for the start-up line and the tests. */
export interface TracingSettings {
  enabled: boolean;
  reason: string;
}

export interface TracingSettingsOptions {
  /** Span processors given in code (tests): tracing on without an exporter variable. */
  hasProcessors?: boolean;
}

const TRACES_EXPORTERS = new Set(['otlp', 'console', 'zipkin', 'none']);
const OTLP_PROTOCOLS = new Set(['http/protobuf', 'http/json', 'grpc']);
const SAMPLERS = new Set(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']);
const RATIO_SAMPLERS = new Set(['traceidratio', 'parentbased_traceidratio']);
const URL_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_ZIPKIN_ENDPOINT'] as const;

/**
 * Decides from the environment whether tracing starts, and checks the OTEL_* values the SDK would
 * otherwise warn about and ignore (throws TracingConfigError naming the variable; not read when
 * tracing is switched off). Tracing is on when
 * ENABLE_OBSERVABILITY is not false (unset counts as false with ORCHESTRATION_MODE=basic), OTEL_SDK_DISABLED is not true, and an exporter is configured: an
 * OTLP endpoint, or OTEL_TRACES_EXPORTER other than `none` (or processors given in code). Otherwise
 * nothing is registered and the OpenTelemetry API stays a no-op.
 */
export function tracingSettingsFromEnv(env: NodeJS.ProcessEnv, options: TracingSettingsOptions = {}): TracingSettings {
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const observability = booleanOf('ENABLE_OBSERVABILITY', value('ENABLE_OBSERVABILITY'));
  if (observability === false) return { enabled: false, reason: 'ENABLE_OBSERVABILITY=false' };
  // The basic mode has no observability unless it is asked for (as the host's configuration reads it).
  if (observability === undefined && value('ORCHESTRATION_MODE')?.toLowerCase() === 'basic') {
    return { enabled: false, reason: 'ORCHESTRATION_MODE=basic (ENABLE_OBSERVABILITY unset)' };
  }
  if (value('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { enabled: false, reason: 'OTEL_SDK_DISABLED=true' };

  const exporters = value('OTEL_TRACES_EXPORTER')
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of exporters ?? []) {
    if (!TRACES_EXPORTERS.has(name)) throw new TracingConfigError('OTEL_TRACES_EXPORTER', `unknown exporter "${name}" (expected ${[...TRACES_EXPORTERS].join(', ')})`);
  }
  for (const name of ['OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL']) {
    const protocol = value(name);
    if (protocol !== undefined && !OTLP_PROTOCOLS.has(protocol)) throw new TracingConfigError(name, `unknown protocol "${protocol}" (expected ${[...OTLP_PROTOCOLS].join(', ')})`);
  }
  for (const name of URL_VARIABLES) {
    const url = value(name);
    if (url !== undefined) checkUrl(name, url);
  }
  // Names are case-sensitive, as the SDK reads them.
  const sampler = value('OTEL_TRACES_SAMPLER');
  if (sampler !== undefined && !SAMPLERS.has(sampler)) throw new TracingConfigError('OTEL_TRACES_SAMPLER', `unknown sampler "${sampler}" (expected ${[...SAMPLERS].join(', ')})`);
  const ratio = value('OTEL_TRACES_SAMPLER_ARG');
  if (ratio !== undefined && sampler !== undefined && RATIO_SAMPLERS.has(sampler)) {
    const number = Number(ratio);
    if (!Number.isFinite(number) || number < 0 || number > 1) throw new TracingConfigError('OTEL_TRACES_SAMPLER_ARG', `"${ratio}" is not a ratio between 0 and 1`);
  }

  if (options.hasProcessors) return { enabled: true, reason: 'span processors given' };
  // The SDK's reading: `none` first means no exporter at all.
  if (exporters?.[0] === 'none') return { enabled: false, reason: 'OTEL_TRACES_EXPORTER=none' };
  if (exporters !== undefined && exporters.length > 0) return { enabled: true, reason: `OTEL_TRACES_EXPORTER=${exporters.join(',')}` };
  const endpoint = value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? value('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (endpoint !== undefined) return { enabled: true, reason: `OTLP endpoint ${endpoint}` };
  return { enabled: false, reason: 'no exporter configured (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_TRACES_EXPORTER)' };
}

/** The project's one reading of a boolean variable (quality's parseEnvBoolean); a bad value names the variable. */
function booleanOf(name: string, raw: string | undefined): boolean | undefined {
  const parsed = parseEnvBoolean(raw);
  if (parsed === 'invalid') throw new TracingConfigError(name, `"${raw}" is not a boolean (expected ${ENV_BOOLEAN_ALLOWED})`);
  return parsed;
}

function checkUrl(name: string, raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TracingConfigError(name, `"${raw}" is not a URL (expected e.g. http://localhost:4318)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TracingConfigError(name, `"${raw}" must be an http:// or https:// URL`);
}
