import { memo } from 'react';
import { BaseEdge, getBezierPath, getStraightPath, type Edge, type EdgeProps } from '@xyflow/react';
import { useEdgeOnPath } from './dag-marks';

export type TaskFlowEdge = Edge<{ straight: boolean }, 'task'>;

/** A dependency: a curve (a straight line in huge graphs, cheaper to draw), heavier on the critical path. */
export const TaskEdge = memo(function TaskEdge({ source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<TaskFlowEdge>) {
  const onPath = useEdgeOnPath(source, target);
  const [path] = data?.straight === true ? getStraightPath({ sourceX, sourceY, targetX, targetY }) : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <BaseEdge path={path} className={onPath ? 'critical-path' : undefined} interactionWidth={0} />;
});
