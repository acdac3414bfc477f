import { layoutDag, type DagLayout, type LayoutInput } from './dag-layout';

/** dagre off the main thread: on a thousand nodes it takes seconds, and the page keeps rendering events meanwhile. */
interface WorkerScope {
  onmessage: ((message: MessageEvent<{ key: number; input: LayoutInput }>) => void) | null;
  postMessage(message: { key: number; layout?: DagLayout; error?: string }, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  try {
    const layout = layoutDag(data.input);
    scope.postMessage({ key: data.key, layout }, [layout.x.buffer, layout.y.buffer]);
  } catch (error) {
    scope.postMessage({ key: data.key, error: error instanceof Error ? error.message : String(error) }, []);
  }
};
