import { TracingConfigError, tracingSettingsFromEnv } from '../src';

describe('tracingSettingsFromEnv: when tracing starts', () => {
  it('is off without an exporter, and says why', () => {
    expect(tracingSettingsFromEnv({})).toEqual({ enabled: false, reason: expect.stringMatching(/no exporter configured/) });
    expect(tracingSettingsFromEnv({ OTEL_SERVICE_NAME: 'orchestrator', OTEL_TRACES_SAMPLER: 'always_on' }).enabled).toBe(false);
  });

  it('is on with an OTLP endpoint or an exporter other than none', () => {
    expect(tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({ enabled: true, reason: 'OTLP endpoint http://collector:4318' });
    expect(tracingSettingsFromEnv({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/v1/traces' }).enabled).toBe(true);
    expect(tracingSettingsFromEnv({ OTEL_TRACES_EXPORTER: 'console' })).toEqual({ enabled: true, reason: 'OTEL_TRACES_EXPORTER=console' });
    expect(tracingSettingsFromEnv({ OTEL_TRACES_EXPORTER: 'otlp, console' }).enabled).toBe(true);
    expect(tracingSettingsFromEnv({}, { hasProcessors: true })).toEqual({ enabled: true, reason: 'span processors given' });
  });

  it('is off when switched off, whatever else is set', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingSettingsFromEnv({ ...endpoint, ENABLE_OBSERVABILITY: 'false' })).toEqual({ enabled: false, reason: 'ENABLE_OBSERVABILITY=false' });
    expect(tracingSettingsFromEnv({ ...endpoint, ENABLE_OBSERVABILITY: '0' }, { hasProcessors: true }).enabled).toBe(false);
    expect(tracingSettingsFromEnv({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' })).toEqual({ enabled: false, reason: 'OTEL_SDK_DISABLED=true' });
    expect(tracingSettingsFromEnv({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toEqual({ enabled: false, reason: 'OTEL_TRACES_EXPORTER=none' });
    // Blank means unset (compose files pass empty values): the endpoint decides.
    expect(tracingSettingsFromEnv({ ...endpoint, ENABLE_OBSERVABILITY: ' ', OTEL_TRACES_EXPORTER: '' }).enabled).toBe(true);
    expect(tracingSettingsFromEnv({ ...endpoint, ENABLE_OBSERVABILITY: 'TRUE' }).enabled).toBe(true);
  });

  it('is off in the basic mode unless ENABLE_OBSERVABILITY asks for it, as the host reads the mode', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingSettingsFromEnv({ ...endpoint, ORCHESTRATION_MODE: 'basic' })).toEqual({ enabled: false, reason: expect.stringMatching(/ORCHESTRATION_MODE=basic/) });
    expect(tracingSettingsFromEnv({ ...endpoint, ORCHESTRATION_MODE: 'basic', ENABLE_OBSERVABILITY: 'true' }).enabled).toBe(true);
    expect(tracingSettingsFromEnv({ ...endpoint, ORCHESTRATION_MODE: 'enhanced' }).enabled).toBe(true);
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http//collector:4318', /not a URL/],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'ftp://collector/v1/traces', /http:\/\/ or https:\/\//],
    ['OTEL_TRACES_EXPORTER', 'jaeger', /unknown exporter "jaeger"/],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http', /unknown protocol "http"/],
    ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'udp', /unknown protocol "udp"/],
    ['OTEL_TRACES_SAMPLER', 'sometimes', /unknown sampler "sometimes"/],
    ['ENABLE_OBSERVABILITY', 'maybe', /not a boolean/],
  ])('a bad %s (%s) is an INVALID_TRACING_CONFIG error naming the variable', (variable, value, why) => {
    const env = { OTEL_TRACES_EXPORTER: 'otlp', [variable]: value };
    let thrown: unknown;
    try {
      tracingSettingsFromEnv(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TracingConfigError);
    expect(thrown).toMatchObject({ code: 'INVALID_TRACING_CONFIG', variable });
    expect((thrown as Error).message).toMatch(new RegExp(`^${variable}: `));
    expect((thrown as Error).message).toMatch(why);
  });

  it('checks the sampler ratio only for ratio samplers', () => {
    expect(() => tracingSettingsFromEnv({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '1.5' })).toThrow(
      /OTEL_TRACES_SAMPLER_ARG: "1.5" is not a ratio between 0 and 1/,
    );
    expect(tracingSettingsFromEnv({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).enabled).toBe(true);
  });

  it('does not judge the OTEL_* values when tracing is switched off', () => {
    expect(tracingSettingsFromEnv({ ENABLE_OBSERVABILITY: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' }).enabled).toBe(false);
  });
});
