import type { DagLayout } from './dag-layout';
import { NODE_HEIGHT, NODE_WIDTH } from './dag-layout';

export interface FlowViewport {
  x: number;
  y: number;
  zoom: number;
}

/** A rectangle of the graph's plane (flow coordinates). */
export interface NodeWindow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The part of the graph worth handing to the canvas: what the view shows plus half a view on every
 * side, its edges snapped to a grid so that panning within it changes nothing. React Flow indexes every
 * node it is given (thousands cost seconds); a big graph gives it only this window.
 */
export function nodeWindow(viewport: FlowViewport, width: number, height: number): NodeWindow {
  const zoom = viewport.zoom > 0 ? viewport.zoom : 1;
  const viewWidth = width / zoom;
  const viewHeight = height / zoom;
  const left = -viewport.x / zoom;
  const top = -viewport.y / zoom;
  // A grid per power-of-two zoom level, about a view across: small moves keep the same window.
  const cell = Math.max(NODE_WIDTH, 1024 / 2 ** Math.round(Math.log2(zoom)));
  return {
    x0: Math.floor((left - viewWidth / 2) / cell) * cell,
    y0: Math.floor((top - viewHeight / 2) / cell) * cell,
    x1: Math.ceil((left + viewWidth * 1.5) / cell) * cell,
    y1: Math.ceil((top + viewHeight * 1.5) / cell) * cell,
  };
}

export function windowKey(window: NodeWindow | undefined): string {
  return window === undefined ? 'all' : `${window.x0},${window.y0},${window.x1},${window.y1}`;
}

/** Indices of the nodes that overlap the window (all of them without one). */
export function nodesInWindow(layout: DagLayout, window: NodeWindow | undefined): number[] {
  const inside: number[] = [];
  for (let i = 0; i < layout.x.length; i++) {
    if (
      window === undefined ||
      (layout.x[i] + NODE_WIDTH >= window.x0 && layout.x[i] <= window.x1 && layout.y[i] + NODE_HEIGHT >= window.y0 && layout.y[i] <= window.y1)
    ) {
      inside.push(i);
    }
  }
  return inside;
}
