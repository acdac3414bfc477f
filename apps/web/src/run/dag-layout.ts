import { graphlib, layout } from '@dagrejs/dagre';

/** A DAG to lay out: node ids, and edges from a dependency to its dependent. */
export interface LayoutInput {
  ids: string[];
  edges: [from: string, to: string][];
}

/** Top-left corner of each node, in the order of `LayoutInput.ids`. */
export interface DagLayout {
  x: Float64Array;
  y: Float64Array;
  width: number;
  height: number;
  /** `dagre`, or `layered` for graphs too big for dagre (see DAGRE_MAX_NODES). */
  engine: 'dagre' | 'layered';
}

export const NODE_WIDTH = 172;
export const NODE_HEIGHT = 46;
const NODE_GAP = 14;
const RANK_GAP = 56;

/**
 * Up to this many nodes dagre lays the graph out. Its crossing reduction and coordinate assignment grow
 * faster than linearly: measured with @dagrejs/dagre 3.1 on Node 20, a random 1 000-node DAG took 2.9 s
 * with the longest-path ranker and 22 s with network-simplex, a 10 000-node one 79 s. Beyond the limit
 * the same layered scheme (rank by longest path, order by barycenter) runs in linear time instead.
 */
export const DAGRE_MAX_NODES = 1_500;
/** Up to this many nodes dagre uses network-simplex ranking (tighter, slower); longest-path above. */
const NETWORK_SIMPLEX_MAX_NODES = 150;
/**
 * dagre's layout is kept unless it covers more than this many times the layered layout's area. On
 * dense graphs (many edges between wide ranks) its alignment spreads each rank out: a random 300-task
 * plan of 30-task ranks came out 9 400 px tall against 1 800 px layered.
 */
const DAGRE_SPREAD_LIMIT = 2;

/**
 * Left to right: each task right of what it depends on. dagre's layout for graphs up to DAGRE_MAX_NODES
 * it keeps compact, the layered one otherwise. Pure and synchronous (the worker calls it for big graphs).
 */
export function layoutDag(input: LayoutInput): DagLayout {
  const layered = layeredLayout(input);
  if (input.ids.length > DAGRE_MAX_NODES) return layered;
  const dagre = dagreLayout(input);
  return dagre.width * dagre.height <= DAGRE_SPREAD_LIMIT * layered.width * layered.height ? dagre : layered;
}

export function dagreLayout({ ids, edges }: LayoutInput): DagLayout {
  const graph = new graphlib.Graph();
  graph.setGraph({
    rankdir: 'LR',
    nodesep: NODE_GAP,
    ranksep: RANK_GAP,
    marginx: 8,
    marginy: 8,
    ranker: ids.length <= NETWORK_SIMPLEX_MAX_NODES ? 'network-simplex' : 'longest-path',
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const id of ids) graph.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const [from, to] of edges) {
    if (from !== to && graph.hasNode(from) && graph.hasNode(to)) graph.setEdge(from, to);
  }
  layout(graph);
  const x = new Float64Array(ids.length);
  const y = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const node = graph.node(ids[i]) as { x: number; y: number };
    // dagre gives centres; the canvas places nodes by their top-left corner.
    x[i] = node.x - NODE_WIDTH / 2;
    y[i] = node.y - NODE_HEIGHT / 2;
  }
  const size = graph.graph() as { width?: number; height?: number };
  return { x, y, width: size.width ?? 0, height: size.height ?? 0, engine: 'dagre' };
}

/**
 * Sugiyama's scheme in linear time: rank = longest path from a source, one barycenter sweep to order
 * each rank by its dependencies' places, ranks centred on one another.
 */
export function layeredLayout({ ids, edges }: LayoutInput): DagLayout {
  const n = ids.length;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  for (const [from, to] of edges) {
    const f = index.get(from);
    const t = index.get(to);
    if (f === undefined || t === undefined || f === t) continue;
    preds[t].push(f);
    succs[f].push(t);
  }

  // Kahn's order; a node left on a cycle (never in a valid plan) stays at rank 0.
  const rank = new Int32Array(n);
  const waiting = new Int32Array(n);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) {
    waiting[i] = preds[i].length;
    if (waiting[i] === 0) queue.push(i);
  }
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const w of succs[v]) {
      if (rank[v] + 1 > rank[w]) rank[w] = rank[v] + 1;
      if (--waiting[w] === 0) queue.push(w);
    }
  }

  let ranks = 0;
  for (let i = 0; i < n; i++) ranks = Math.max(ranks, rank[i] + 1);
  const byRank: number[][] = Array.from({ length: ranks }, () => []);
  for (let i = 0; i < n; i++) byRank[rank[i]].push(i);

  // Place in rank r = mean place (0..1) of the dependencies, so related tasks line up.
  const place = new Float64Array(n);
  const key = new Float64Array(n);
  for (let r = 0; r < ranks; r++) {
    const row = byRank[r];
    if (r > 0) {
      for (const v of row) {
        let sum = 0;
        for (const p of preds[v]) sum += place[p];
        key[v] = preds[v].length > 0 ? sum / preds[v].length : 0.5;
      }
      row.sort((a, b) => key[a] - key[b] || a - b);
    }
    for (let k = 0; k < row.length; k++) place[row[k]] = row.length > 1 ? k / (row.length - 1) : 0.5;
  }

  const tallest = byRank.reduce((most, row) => Math.max(most, row.length), 0);
  const step = NODE_HEIGHT + NODE_GAP;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let r = 0; r < ranks; r++) {
    const row = byRank[r];
    const offset = ((tallest - row.length) * step) / 2;
    for (let k = 0; k < row.length; k++) {
      x[row[k]] = 8 + r * (NODE_WIDTH + RANK_GAP);
      y[row[k]] = 8 + offset + k * step;
    }
  }
  return { x, y, width: 16 + ranks * (NODE_WIDTH + RANK_GAP) - RANK_GAP, height: 16 + tallest * step - NODE_GAP, engine: 'layered' };
}
