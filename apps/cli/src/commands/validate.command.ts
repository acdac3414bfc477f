import { createDemoRegistry } from '@a2a-mcp/agents';
import { analyzePlan } from '@a2a-mcp/planner';
import type { ValidateArgs } from '../cli-args';
import { CliInputError, EXIT_BAD_INPUT, EXIT_OK } from '../cli-error';
import type { CliIo } from '../cli-io';
import { checkPlanFile, describeIssues } from '../load-plan';

/**
 * `a2a-mcp validate <plan.json>`: checks a plan against the demo agents without running it.
 * An invalid plan is bad input (exit 2); with --json every issue is printed, not just the first.
 */
export function validateCommand(args: ValidateArgs, io: CliIo): number {
  const check = checkPlanFile(args.planPath, createDemoRegistry().names(), io.env);
  if (!check.ok) {
    if (!args.json) throw new CliInputError(describeIssues(args.planPath, check.issues));
    io.stdout.write(`${JSON.stringify({ ok: false, file: args.planPath, issues: check.issues }, null, 2)}\n`);
    return EXIT_BAD_INPUT;
  }

  const { plan } = check;
  const analysis = analyzePlan(plan);
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ ok: true, file: args.planPath, tasks: plan.tasks.length, issues: [], analysis }, null, 2)}\n`);
    return EXIT_OK;
  }
  const lines = [
    `plan "${args.planPath}" is valid: ${plan.tasks.length} tasks in ${analysis.levels.length} levels, up to ${analysis.maxWidth} at once`,
    `critical path ${analysis.criticalPath.join(' → ')} (${analysis.criticalPathMs} ms estimated)` +
      ` · estimated total ${analysis.estimatedTotalTime} ms · parallel potential ${Math.round(analysis.parallelPotential * 100)}%`,
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  return EXIT_OK;
}
