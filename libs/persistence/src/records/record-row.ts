import type { StrategyName } from '@a2a-mcp/core-graph';
import type { StoredRun, StoredRunStatus } from '../run-store';
import { defineLazyJson } from './lazy-json';

/** The columns of a run's record, as the SQL stores name them (bigints may arrive as strings). */
export interface RecordRow {
  ordinal: number | string;
  run_id: string;
  tenant: string | null;
  created_at: string;
  plan: string;
  strategy: string;
  strategy_reason: string;
  settings: string;
  status: string;
  /** -1 before the first event. */
  last_seq: number;
  task_count: number;
  successful: number;
  failed: number;
  skipped: number;
  updated_at_ms: number | string;
  finished_at_ms: number | string | null;
  owner: string | null;
  lease_expires_ms: number | string | null;
}

/** The record columns every read selects, in table order. */
export const RECORD_COLUMNS =
  'ordinal, run_id, tenant, created_at, plan, strategy, strategy_reason, settings, status, last_seq, task_count, successful, failed, skipped, updated_at_ms, finished_at_ms, owner, lease_expires_ms';

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

export function storedRunOfRow(row: RecordRow): StoredRun {
  const run: StoredRun = {
    runId: row.run_id,
    createdAt: row.created_at,
    plan: undefined,
    strategy: row.strategy as StrategyName,
    strategyReason: row.strategy_reason,
    settings: undefined,
    ordinal: Number(row.ordinal),
    status: row.status as StoredRunStatus,
    lastSeq: Math.max(0, row.last_seq),
    taskCount: row.task_count,
    successful: row.successful,
    failed: row.failed,
    skipped: row.skipped,
    updatedAt: isoOf(Number(row.updated_at_ms)),
  };
  defineLazyJson(run, 'plan', row.plan);
  defineLazyJson(run, 'settings', row.settings);
  if (row.tenant !== null) run.tenant = row.tenant;
  if (row.finished_at_ms !== null) run.finishedAt = isoOf(Number(row.finished_at_ms));
  if (row.owner !== null) run.owner = row.owner;
  if (row.lease_expires_ms !== null) run.leaseExpiresAt = isoOf(Number(row.lease_expires_ms));
  return run;
}
