import { useEffect, useMemo, useRef, useState } from 'react';
import { layoutDag, type DagLayout, type LayoutInput } from './dag-layout';

/** Graphs this small are laid out on the spot: the first paint needs no round trip to a worker. */
const INLINE_MAX_NODES = 40;

export interface PlacedLayout {
  /** The input the layout was computed for (a newer graph may be on its way). */
  input: LayoutInput;
  layout: DagLayout;
}

/**
 * The DAG's layout, computed once per graph change (`input` changes identity only then), in a Web Worker
 * for all but tiny graphs so a long layout never blocks rendering. Until a new layout arrives the last
 * one stays on screen. A browser without module workers lays out on the main thread, after the paint.
 */
export function useDagLayout(input: LayoutInput | undefined): { placed?: PlacedLayout; error?: string } {
  const inline = useMemo<PlacedLayout | undefined>(
    () => (input !== undefined && input.ids.length <= INLINE_MAX_NODES ? { input, layout: layoutDag(input) } : undefined),
    [input],
  );
  const [placed, setPlaced] = useState<PlacedLayout>();
  const [error, setError] = useState<string>();
  const worker = useRef<Worker | null>(null);
  const requested = useRef(0);

  useEffect(() => () => worker.current?.terminate(), []);

  useEffect(() => {
    if (input === undefined || input.ids.length <= INLINE_MAX_NODES) return;
    const key = ++requested.current;
    const accept = (layout: DagLayout): void => {
      if (key === requested.current) setPlaced({ input, layout });
    };
    const fallback = (): void => {
      window.setTimeout(() => {
        if (key !== requested.current) return;
        try {
          accept(layoutDag(input));
        } catch (cause) {
          setError(`LAYOUT_FAILED: ${cause instanceof Error ? cause.message : String(cause)}`);
        }
      }, 0);
    };
    try {
      worker.current ??= new Worker(new URL('./dag-layout.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      fallback();
      return;
    }
    const current = worker.current;
    current.onmessage = ({ data }: MessageEvent<{ key: number; layout?: DagLayout; error?: string }>) => {
      if (data.key !== requested.current) return;
      if (data.layout !== undefined) accept(data.layout);
      else setError(`LAYOUT_FAILED: ${data.error ?? 'the layout worker failed'}`);
    };
    current.onerror = () => {
      current.terminate();
      worker.current = null;
      fallback();
    };
    current.postMessage({ key, input });
  }, [input]);

  return { placed: inline ?? placed, error };
}
