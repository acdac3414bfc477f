import { useLayoutEffect, useMemo, useState } from 'react';
import { Background, Controls, MiniMap, ReactFlow, type Edge, type NodeMouseHandler } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { WorkflowEvent } from '@a2a-mcp/api-client';
import type { RunState } from '@a2a-mcp/core-graph';
import { criticalEdgeKeys, criticalPathOf, edgeKey } from './critical-path';
import { DAGRE_MAX_NODES, NODE_HEIGHT, NODE_WIDTH, type LayoutInput } from './dag-layout';
import { TaskNode, type TaskFlowNode } from './TaskNode';
import { TaskStatusContext, TaskStatusStore } from './task-status-store';
import { useDagLayout } from './use-dag-layout';

export interface DagViewProps {
  state: RunState;
  events: WorkflowEvent[];
  /** Changes when tasks or edges are added: the only time the graph is laid out again. */
  graphVersion: number;
  selected?: string;
  onSelect(taskId: string): void;
}

const nodeTypes = { task: TaskNode };

/** Above this many tasks only what is in view is drawn, and the view opens on the graph's start. */
const LARGE_GRAPH = 300;
/** A minimap helps between these sizes: a small graph fits the view, a huge one would draw every node twice. */
const MINIMAP_FROM = 30;
const MINIMAP_TO = 2_000;

/** The plan's DAG, left to right, each task coloured by its live status; click a task for its details. */
export function DagView({ state, events, graphVersion, selected, onSelect }: DagViewProps) {
  // The state changes in place; its tasks and edges change only with graphVersion.
  const input = useMemo<LayoutInput | undefined>(() => (graphVersion === 0 ? undefined : graphOf(state)), [state, graphVersion]);
  const { placed, error } = useDagLayout(input);

  const path = criticalPathOf(events);
  const pathKey = `${path.kind}:${path.ids.join('\u0000')}`;
  // Keyed by the path's content: `path` is a new object each frame, the path itself changes twice a run.
  const critical = useMemo(() => ({ nodes: new Set(path.ids), edges: criticalEdgeKeys(path) }), [pathKey]);

  const nodes = useMemo<TaskFlowNode[]>(() => {
    if (placed === undefined) return [];
    const { input: laid, layout } = placed;
    return laid.ids.map((id, i) => ({
      id,
      type: 'task',
      position: { x: layout.x[i], y: layout.y[i] },
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      draggable: false,
      connectable: false,
      data: { taskId: id, agent: state.tasks[id]?.agent ?? '', critical: critical.nodes.has(id), selected: id === selected },
    }));
  }, [placed, critical, selected, state]);

  const edges = useMemo<Edge[]>(() => {
    if (placed === undefined) return [];
    const straight = placed.input.ids.length > DAGRE_MAX_NODES;
    return placed.input.edges.map(([from, to]) => {
      const onPath = critical.edges.has(edgeKey(from, to));
      return {
        id: `${from}->${to}`,
        source: from,
        target: to,
        type: straight ? 'straight' : 'default',
        className: onPath ? 'critical' : undefined,
        zIndex: onPath ? 1 : 0,
      };
    });
  }, [placed, critical]);

  const [store] = useState(() => new TaskStatusStore());
  // Every render follows new events: tell the drawn nodes (each re-renders only if its status changed).
  useLayoutEffect(() => store.update(state));

  const onNodeClick: NodeMouseHandler<TaskFlowNode> = (_event, node) => onSelect(node.id);
  const large = nodes.length > LARGE_GRAPH;
  const total = state.order.length;

  return (
    <section className="panel dag-panel" aria-label="Plan graph">
      <header className="panel-header">
        <h2>Plan</h2>
        <span className="muted">
          {total} task{total === 1 ? '' : 's'}
          {path.kind !== 'none' && ` · critical path (${path.kind}): ${path.ids.length} task${path.ids.length === 1 ? '' : 's'}`}
          {placed?.layout.engine === 'layered' && ` · layered layout (over ${DAGRE_MAX_NODES} tasks)`}
        </span>
      </header>
      {error !== undefined && <p className="error">{error}</p>}
      <div className="dag-view" data-testid="dag-view" data-layout={placed?.layout.engine ?? 'pending'}>
        {placed === undefined ? (
          <p className="muted dag-placeholder">{total > 0 ? `Laying out ${total} tasks…` : 'Waiting for the plan…'}</p>
        ) : (
          <TaskStatusContext.Provider value={store}>
            <ReactFlow<TaskFlowNode, Edge>
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              onNodeClick={onNodeClick}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              onlyRenderVisibleElements={large}
              fitView={!large}
              fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
              defaultViewport={{ x: 16, y: 16, zoom: 0.85 }}
              minZoom={0.05}
              maxZoom={2}
            >
              <Background gap={24} />
              <Controls showInteractive={false} />
              {nodes.length > MINIMAP_FROM && nodes.length <= MINIMAP_TO && <MiniMap pannable zoomable nodeClassName={minimapClass} />}
            </ReactFlow>
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

function minimapClass(node: TaskFlowNode): string {
  return node.data.critical ? 'minimap-critical' : 'minimap-task';
}
