import { DEFAULT_TRANSPORT_SETTINGS, TransportSettingsError, transportSettingsFromEnv } from '../src';

describe('transportSettingsFromEnv', () => {
  it('defaults every setting when unset or blank', () => {
    expect(transportSettingsFromEnv({})).toEqual({ natsUrl: 'nats://127.0.0.1:4222', heartbeatMs: 1000, missedBeats: 3, poolSize: 20, maxPayloadBytes: 1048576 });
    expect(transportSettingsFromEnv({ NATS_URL: ' ', AGENT_HEARTBEAT_MS: '' })).toEqual(DEFAULT_TRANSPORT_SETTINGS);
  });

  it('reads every variable', () => {
    expect(
      transportSettingsFromEnv({
        NATS_URL: 'nats://a:4222,nats://b:4222',
        AGENT_HEARTBEAT_MS: '250',
        AGENT_MISSED_HEARTBEATS: '5',
        CONNECTION_POOL_SIZE: '8',
        AGENT_MAX_PAYLOAD_BYTES: '65536',
      }),
    ).toEqual({ natsUrl: 'nats://a:4222,nats://b:4222', heartbeatMs: 250, missedBeats: 5, poolSize: 8, maxPayloadBytes: 65536 });
  });

  it('names every bad variable with its value and what is allowed', () => {
    const read = () => transportSettingsFromEnv({ AGENT_HEARTBEAT_MS: '0', AGENT_MISSED_HEARTBEATS: 'three', NATS_URL: 'http://x' });
    expect(read).toThrow(TransportSettingsError);
    expect(read).toThrow('AGENT_HEARTBEAT_MS="0": expected an integer from 1 to 3600000');
    expect(read).toThrow('AGENT_MISSED_HEARTBEATS="three"');
    expect(read).toThrow('NATS_URL="http://x": expected nats://host:port');
    expect(() => transportSettingsFromEnv({ CONNECTION_POOL_SIZE: '-1' })).toThrow('CONNECTION_POOL_SIZE="-1"');
    expect(() => transportSettingsFromEnv({ AGENT_MAX_PAYLOAD_BYTES: '1.5' })).toThrow('AGENT_MAX_PAYLOAD_BYTES="1.5"');
  });
});
