import { OrchestratorConfigError, validateOrchestratorEnv } from '../../src';

describe('resilience settings (validated at boot with the rest of the configuration)', () => {
  it('defaults: a circuit opens after 5 faults in a row for 30 s, no bulkhead (queue 1000 when one is set), outputs up to 10 MiB', () => {
    expect(validateOrchestratorEnv({}).resilience).toEqual({
      circuitFailures: 5,
      circuitHalfOpenMs: 30_000,
      maxConcurrentCalls: 0,
      queueLimit: 1000,
      maxOutputBytes: 10 * 1024 * 1024,
    });
  });

  it('reads each variable; 0 turns the breaker and the bulkhead limit off', () => {
    const config = validateOrchestratorEnv({
      AGENT_CIRCUIT_FAILURES: '0',
      AGENT_CIRCUIT_HALF_OPEN_MS: '1500',
      AGENT_MAX_CONCURRENT_CALLS: '8',
      AGENT_QUEUE_LIMIT: '0',
      MAX_OUTPUT_BYTES: '4096',
    });
    expect(config.resilience).toEqual({ circuitFailures: 0, circuitHalfOpenMs: 1500, maxConcurrentCalls: 8, queueLimit: 0, maxOutputBytes: 4096 });
  });

  it('refuses bad values, naming every variable with what is allowed', () => {
    const boot = (): unknown =>
      validateOrchestratorEnv({
        AGENT_CIRCUIT_FAILURES: '-1',
        AGENT_CIRCUIT_HALF_OPEN_MS: '0',
        AGENT_MAX_CONCURRENT_CALLS: 'many',
        AGENT_QUEUE_LIMIT: '1.5',
        MAX_OUTPUT_BYTES: '0',
      });
    expect(boot).toThrow(OrchestratorConfigError);
    try {
      boot();
    } catch (error) {
      expect((error as OrchestratorConfigError).issues).toEqual([
        { variable: 'AGENT_CIRCUIT_FAILURES', value: '-1', allowed: 'an integer ≥ 0' },
        { variable: 'AGENT_CIRCUIT_HALF_OPEN_MS', value: '0', allowed: 'an integer from 1 to 2147483647' },
        { variable: 'AGENT_MAX_CONCURRENT_CALLS', value: 'many', allowed: 'an integer ≥ 0' },
        { variable: 'AGENT_QUEUE_LIMIT', value: '1.5', allowed: 'an integer ≥ 0' },
        { variable: 'MAX_OUTPUT_BYTES', value: '0', allowed: 'an integer ≥ 1' },
      ]);
    }
  });
});
