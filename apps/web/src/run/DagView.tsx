import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Background, Controls, MiniMap, ReactFlow, type NodeMouseHandler, type OnMove } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { WorkflowEvent } from '@a2a-mcp/api-client';
import type { RunState } from '@a2a-mcp/core-graph';
import { criticalEdgeKeys, criticalPathOf } from './critical-path';
import { DagMarksContext, type DagMarks } from './dag-marks';
import { DAGRE_MAX_NODES, NODE_HEIGHT, NODE_WIDTH, type LayoutInput } from './dag-layout';
import { TaskEdge, type TaskFlowEdge } from './TaskEdge';
import { TaskNode, type TaskFlowNode } from './TaskNode';
import { nodesInWindow, nodeWindow, windowKey, type FlowViewport } from './node-window';
import { TaskStatusContext, TaskStatusStore } from './task-status-store';
import { useDagLayout } from './use-dag-layout';
import { useElementWidth } from './use-element-width';

export interface DagViewProps {
  state: RunState;
  events: WorkflowEvent[];
  /** Changes when tasks or edges are added: the only time the graph is laid out again. */
  graphVersion: number;
  selected?: string;
  onSelect(taskId: string): void;
}

const nodeTypes = { task: TaskNode };
const edgeTypes = { task: TaskEdge };
const FIT_VIEW = { padding: 0.15, maxZoom: 1.2 };
const START_VIEWPORT: FlowViewport = { x: 16, y: 16, zoom: 0.85 };
const DAG_HEIGHT = 460;

/**
 * Above this many tasks the view opens on the graph's start, React Flow draws only what is in view
 * (onlyRenderVisibleElements) and is handed only the window around the view (node-window.ts).
 */
const LARGE_GRAPH = 300;
/** A minimap helps from this size on (a smaller graph fits the view), up to LARGE_GRAPH (it would draw every node). */
const MINIMAP_FROM = 30;

/**
 * The plan's DAG, left to right, each task coloured by its live status; click a task for its details.
 * The node and edge lists change only with the layout (once per graph change): statuses come from a
 * store each drawn node subscribes to, highlights from a context, so a frame of events costs the canvas
 * a re-render of the few drawn nodes whose status changed.
 */
export function DagView({ state, events, graphVersion, selected, onSelect }: DagViewProps) {
  // The state changes in place; its tasks and edges change only with graphVersion.
  const input = useMemo<LayoutInput | undefined>(() => (graphVersion === 0 ? undefined : graphOf(state)), [state, graphVersion]);
  const { placed, error } = useDagLayout(input);

  const path = criticalPathOf(events);
  const pathKey = `${path.kind}:${path.ids.join('\u0000')}`;
  // Keyed by the path's content: `path` is a new object each frame, the path itself changes twice a run.
  const critical = useMemo(() => ({ nodes: new Set(path.ids), edges: criticalEdgeKeys(path) }), [pathKey]);
  const marks = useMemo<DagMarks>(() => ({ criticalNodes: critical.nodes, criticalEdges: critical.edges, selected }), [critical, selected]);

  const large = (placed?.input.ids.length ?? 0) > LARGE_GRAPH;
  const [box, width] = useElementWidth<HTMLDivElement>(960);
  const [viewport, setViewport] = useState(START_VIEWPORT);
  const moveFrame = useRef<number | undefined>(undefined);
  // At most one window change per frame while the view is dragged or zoomed.
  const onMove = useCallback<OnMove>((_event, next) => {
    if (moveFrame.current !== undefined) cancelAnimationFrame(moveFrame.current);
    moveFrame.current = requestAnimationFrame(() => {
      moveFrame.current = undefined;
      setViewport(next);
    });
  }, []);
  const area = large ? nodeWindow(viewport, width, DAG_HEIGHT) : undefined;
  const areaKey = windowKey(area);

  const nodes = useMemo<TaskFlowNode[]>(() => {
    if (placed === undefined) return [];
    const { input: laid, layout } = placed;
    return nodesInWindow(layout, area).map((i) => ({
      id: laid.ids[i],
      type: 'task',
      position: { x: layout.x[i], y: layout.y[i] },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      draggable: false,
      connectable: false,
      data: { taskId: laid.ids[i], agent: state.tasks[laid.ids[i]]?.agent ?? '' },
    }));
  }, [placed, state, areaKey]); // `area` is a new object each render; its key says when it moved

  const edges = useMemo<TaskFlowEdge[]>(() => {
    if (placed === undefined) return [];
    const straight = placed.input.ids.length > DAGRE_MAX_NODES;
    const shown = new Set(nodes.map((node) => node.id));
    const drawn = placed.input.edges.filter(([from, to]) => shown.has(from) && shown.has(to));
    return drawn.map(([from, to]) => ({ id: `${from}->${to}`, source: from, target: to, type: 'task', data: { straight } }));
  }, [placed, nodes]);

  const [store] = useState(() => new TaskStatusStore());
  // Every render follows new events: tell the drawn nodes (each re-renders only if its status changed).
  useLayoutEffect(() => store.update(state));

  // Stable props: React Flow copies each changed prop into its store, which re-renders every drawn node.
  const onNodeClick = useCallback<NodeMouseHandler<TaskFlowNode>>((_event, node) => onSelect(node.id), [onSelect]);
  const total = state.order.length;

  return (
    <section className="panel dag-panel" aria-label="Plan graph">
      <header className="panel-header">
        <h2>Plan</h2>
        <span className="muted">
          {total} task{total === 1 ? '' : 's'}
          {path.kind !== 'none' && ` · critical path (${path.kind}): ${path.ids.length} task${path.ids.length === 1 ? '' : 's'}`}
          {placed !== undefined && (placed.refining ? ' · laying out with dagre…' : ` · ${placed.layout.engine} layout`)}
        </span>
      </header>
      {error !== undefined && <p className="error">{error}</p>}
      <div className="dag-view" ref={box} style={{ height: DAG_HEIGHT }} data-testid="dag-view" data-nodes-drawn={nodes.length} data-layout={placed === undefined ? 'pending' : placed.refining ? 'layered-then-dagre' : placed.layout.engine}>
        {placed === undefined ? (
          <p className="muted dag-placeholder">Waiting for the plan…</p>
        ) : (
          <TaskStatusContext.Provider value={store}>
            <DagMarksContext.Provider value={marks}>
              <ReactFlow<TaskFlowNode, TaskFlowEdge>
                // A small graph is fitted to the view again when dagre's layout replaces the first one.
                key={large ? 'large' : placed.layout.engine}
                nodes={nodes}
                edges={edges}
                nodeTypes={nodeTypes}
                edgeTypes={edgeTypes}
                onNodeClick={onNodeClick}
                nodesDraggable={false}
                nodesConnectable={false}
                elementsSelectable={false}
                onlyRenderVisibleElements={large}
                onMove={large ? onMove : undefined}
                fitView={!large}
                fitViewOptions={FIT_VIEW}
                defaultViewport={START_VIEWPORT}
                minZoom={large ? 0.2 : 0.05}
                maxZoom={2}
              >
                <Background gap={24} />
                <Controls showInteractive={false} />
                {!large && nodes.length > MINIMAP_FROM && <MiniMap pannable zoomable nodeClassName={minimapClass} />}
              </ReactFlow>
            </DagMarksContext.Provider>
          </TaskStatusContext.Provider>
        )}
      </div>
    </section>
  );
}

/** Node ids in the order the tasks were added; an edge per dependency. */
function graphOf(state: RunState): LayoutInput {
  const ids = state.order.slice();
  const edges: [string, string][] = [];
  for (const id of ids) for (const dep of state.tasks[id].dependencies) edges.push([dep, id]);
  return { ids, edges };
}

function minimapClass(): string {
  return 'minimap-task';
}
