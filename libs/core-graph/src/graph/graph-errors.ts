export type GraphErrorCode =
  | 'DUPLICATE_NODE'
  | 'UNKNOWN_NODE'
  | 'INVALID_NODE'
  | 'CYCLE'
  | 'NODE_STARTED'
  | 'NODE_FINISHED'
  | 'RUN_FINISHED';

/** A refused graph change. The graph (and a running run) is left exactly as it was. */
export class GraphError extends Error {
  constructor(
    readonly code: GraphErrorCode,
    message: string,
    /** The node the change was refused for. */
    readonly nodeId?: string,
    /** For CYCLE: the closed path the change would have created. */
    readonly cycle?: string[],
  ) {
    super(message);
    this.name = 'GraphError';
  }
}
