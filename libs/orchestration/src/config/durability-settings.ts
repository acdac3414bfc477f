import { hostname } from 'node:os';
import { readRunStoreSettings, type RunStoreSettings } from '@a2a-mcp/persistence';
import type { EnvReader, Environment } from './env-reader';

/** Where runs are kept and how replicas share them (RUN_STORE, DATA_DIR, DATABASE_URL, LEASE_TTL_MS, HOST_ID). */
export interface DurabilitySettings {
  store: RunStoreSettings;
  /** This replica's name on the leases it holds: a restarted replica with the same name takes its runs back at once. */
  hostId: string;
  /** A lease not renewed for this long is free for another replica to take (LEASE_TTL_MS). */
  leaseTtlMs: number;
  /** How often a stream of a run this replica does not run looks for new events in the store (STORE_POLL_MS). */
  storePollMs: number;
}

export function readDurabilitySettings(read: EnvReader, env: Environment, port: number): DurabilitySettings {
  let store: RunStoreSettings;
  try {
    store = readRunStoreSettings(env);
  } catch (error) {
    const variable = (error as { variable?: string }).variable ?? 'RUN_STORE';
    read.report(variable, env[variable] ?? '', error instanceof Error ? error.message : String(error));
    store = readRunStoreSettings({ RUN_STORE: 'memory' });
  }
  return {
    store,
    hostId: read.raw('HOST_ID')?.trim() ?? `${hostname()}:${port}`,
    leaseTtlMs: read.integer('LEASE_TTL_MS', 15_000, 1_000),
    storePollMs: read.integer('STORE_POLL_MS', 250, 10, 60_000),
  };
}
