import { layoutDag, type DagLayout, type LayoutInput } from './dag-layout';

/** The layout off the main thread: dagre on a thousand nodes takes seconds, the page keeps rendering events. */
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
