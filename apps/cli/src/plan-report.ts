import { analyzePlan, type Plan } from '@a2a-mcp/planner';
import { terminalSafe } from './terminal-safe';
import { renderTable } from './text-table';

/** A plan as people read it: one line per task, then its critical path, timings and risks (all terminal-safe). */
export function renderPlanReport(plan: Plan, width?: number): string {
  const analysis = analyzePlan(plan);
  const rows = plan.tasks.map((task) => [
    task.id,
    task.agent,
    task.dependencies.length > 0 ? task.dependencies.join(', ') : '-',
    task.estimatedDuration === undefined ? '-' : String(task.estimatedDuration),
    task.qualityDomain ?? '-',
    task.description,
  ]);
  const lines = [
    terminalSafe(`Plan${plan.name ? ` ${plan.name}` : ''}: ${plan.tasks.length} task(s), strategy ${plan.coordinationStrategy ?? 'hybrid'}`),
    '',
    ...renderTable(
      [
        { header: 'TASK' },
        { header: 'AGENT' },
        { header: 'DEPENDS ON' },
        { header: 'EST MS', align: 'right' },
        { header: 'DOMAIN' },
        { header: 'DESCRIPTION' },
      ],
      rows,
      width,
    ),
    '',
    terminalSafe(
      `critical path ${analysis.criticalPath.join(' → ')} (${analysis.criticalPathMs} ms) · estimated total ${analysis.estimatedTotalTime} ms · ` +
        `dependency-driven ${analysis.estimatedParallelTime} ms · parallel potential ${Math.round(analysis.parallelPotential * 100)}%`,
    ),
  ];
  for (const risk of plan.risks ?? []) lines.push(terminalSafe(`risk${risk.severity ? ` (${risk.severity})` : ''}: ${risk.description}`));
  return lines.join('\n');
}
