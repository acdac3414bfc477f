import { useEffect, useMemo, useRef, useState } from 'react';
import { DAGRE_MAX_NODES, layeredLayout, layoutDag, type DagLayout, type LayoutInput } from './dag-layout';

/** Graphs this small are laid out on the spot: no round trip to a worker, no second layout. */
const INLINE_MAX_NODES = 40;

export interface PlacedLayout {
  /** The graph the layout was computed for. */
  input: LayoutInput;
  layout: DagLayout;
  /** The worker is computing dagre's layout, which will replace this one if it keeps the graph compact. */
  refining: boolean;
}

/**
 * The DAG's layout, computed once per graph change (`input` changes identity only then). A small graph
 * gets layoutDag's at once. A bigger one is drawn at once with the linear layered layout, and up to
 * DAGRE_MAX_NODES layoutDag's (dagre's, when compact), computed in a Web Worker (seconds for a thousand
 * nodes), replaces it when ready: the first paint never waits for dagre and the page keeps following
 * events meanwhile.
 */
export function useDagLayout(input: LayoutInput | undefined): { placed?: PlacedLayout; error?: string } {
  const quick = useMemo<PlacedLayout | undefined>(() => {
    if (input === undefined) return undefined;
    const n = input.ids.length;
    if (n <= INLINE_MAX_NODES) return { input, layout: layoutDag(input), refining: false };
    return { input, layout: layeredLayout(input), refining: n <= DAGRE_MAX_NODES };
  }, [input]);
  const [refined, setRefined] = useState<PlacedLayout>();
  const [error, setError] = useState<string>();
  const worker = useRef<Worker | null>(null);
  const requested = useRef(0);

  useEffect(() => () => worker.current?.terminate(), []);

  useEffect(() => {
    if (input === undefined || quick === undefined || !quick.refining) return;
    const key = ++requested.current;
    const accept = (layout: DagLayout): void => {
      if (key === requested.current) setRefined({ input, layout, refining: false });
    };
    try {
      worker.current ??= new Worker(new URL('./dag-layout.worker.ts', import.meta.url), { type: 'module' });
    } catch (cause) {
      // No module workers: the layered layout stays (dagre on the main thread would freeze the page).
      setError(`LAYOUT_WORKER_UNAVAILABLE: ${cause instanceof Error ? cause.message : String(cause)}; showing the layered layout`);
      return;
    }
    const current = worker.current;
    current.onmessage = ({ data }: MessageEvent<{ key: number; layout?: DagLayout; error?: string }>) => {
      if (data.key !== requested.current) return;
      if (data.layout !== undefined) accept(data.layout);
      else setError(`LAYOUT_FAILED: ${data.error ?? 'the layout worker failed'}; showing the layered layout`);
    };
    current.onerror = (event) => {
      current.terminate();
      worker.current = null;
      setError(`LAYOUT_WORKER_FAILED: ${event.message || 'the layout worker did not start'}; showing the layered layout`);
    };
    current.postMessage({ key, input });
  }, [input, quick]);

  const placed = refined !== undefined && refined.input === input ? refined : quick;
  return { placed, error };
}
