import { useEffect, useState } from 'react';
import type { WorkflowEvent } from '@a2a-mcp/api-client';
import { createRunState, type RunState } from '@a2a-mcp/core-graph';
import { useApi } from '../api/api-context';
import { RunEventFeed, type RunEventsSnapshot } from './run-event-feed';

export type { RunEventsSnapshot } from './run-event-feed';

/**
 * A run's events and their fold, live: replays the stored log from the start, follows the run, and
 * reconnects with Last-Event-ID after a drop (so a page reloaded mid-run replays, then goes on live).
 * Renders at most once per animation frame however fast events arrive.
 */
export function useRunEvents(runId: string): { events: WorkflowEvent[]; state: RunState; done: boolean; error?: string } & RunEventsSnapshot {
  const { client } = useApi();
  const [snapshot, setSnapshot] = useState<RunEventsSnapshot>(() => emptySnapshot(runId));

  useEffect(() => {
    const feed = new RunEventFeed(runId, client, setSnapshot);
    setSnapshot(feed.snapshot());
    feed.start();
    return () => feed.stop();
  }, [runId, client]);

  // Between a change of run and the effect above, show nothing of the previous run.
  return snapshot.runId === runId ? snapshot : emptySnapshot(runId);
}

function emptySnapshot(runId: string): RunEventsSnapshot {
  return { runId, events: [], state: createRunState(runId), done: false, graphVersion: 0, paused: [] };
}
