import type { RunResult } from '@a2a-mcp/core-graph';
import type { Plan } from '@a2a-mcp/planner';

/**
 * Estimated heap a run holds, so the host can bound memory by bytes and not only by count. Measured
 * with `node --expose-gc bench/run-memory.js` on Node 20 (zero-work tasks of a random DAG): a run
 * near its end holds its plan, state and every event (~1.4 KB per task); a finished, compacted run
 * keeps its plan, state and result (~1.15 KB). The figures below add room for the host's own objects.
 * Task inputs and outputs come on top, sized from the plan and from a sample of the outputs.
 */
export const LIVE_BYTES_PER_TASK = 1_800;
export const FINISHED_BYTES_PER_TASK = 1_400;
/** What one kept event costs a finished run that has not been compacted (about 110 B measured, with room). */
export const EVENT_BYTES = 150;
/** Outputs sized to estimate a finished run (every task's output would cost as much as the run). */
const OUTPUT_SAMPLES = 128;

export function liveFootprint(plan: Plan): number {
  return plan.tasks.length * LIVE_BYTES_PER_TASK + inputBytes(plan);
}

export function finishedFootprint(plan: Plan, result: RunResult): number {
  const ids = plan.tasks.length > 0 ? Object.keys(result.tasks) : [];
  const step = Math.max(1, Math.floor(ids.length / OUTPUT_SAMPLES));
  let sampled = 0;
  let bytes = 0;
  for (let i = 0; i < ids.length; i += step) {
    bytes += jsonBytes(result.tasks[ids[i]].output);
    sampled++;
  }
  const outputs = sampled > 0 ? (bytes / sampled) * ids.length : 0;
  return ids.length * FINISHED_BYTES_PER_TASK + inputBytes(plan) + Math.round(outputs);
}

function inputBytes(plan: Plan): number {
  let bytes = 0;
  for (const task of plan.tasks) if (task.input !== undefined) bytes += jsonBytes(task.input);
  return bytes;
}

/** UTF-16 heap size of the JSON text: close enough to the object's own size for a budget. */
function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  try {
    return 2 * (JSON.stringify(value)?.length ?? 0);
  } catch {
    return 0; // cyclic or BigInt: not JSON, counted as nothing rather than failing the run
  }
}
