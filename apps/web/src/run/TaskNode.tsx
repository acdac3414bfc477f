import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useNodeMarks } from './dag-marks';
import { useTaskStatus } from './task-status-store';

export interface TaskNodeData extends Record<string, unknown> {
  taskId: string;
  agent: string;
}

export type TaskFlowNode = Node<TaskNodeData, 'task'>;

/** One task on the canvas: id, agent, status colour; on the critical path, a heavier outline. */
export const TaskNode = memo(function TaskNode({ data }: NodeProps<TaskFlowNode>) {
  const status = useTaskStatus(data.taskId);
  const { critical, selected } = useNodeMarks(data.taskId);
  return (
    <div
      className={`dag-node status-${status}${critical ? ' critical' : ''}${selected ? ' selected' : ''}`}
      data-testid="dag-node"
      data-task-id={data.taskId}
      data-status={status}
      data-critical={critical ? 'true' : undefined}
      title={`${data.taskId} (${data.agent}): ${status}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="dag-node-id">{data.taskId}</div>
      <div className="dag-node-meta">
        <span className="dag-node-agent">{data.agent}</span>
        <span className="dag-node-status">{status}</span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});
