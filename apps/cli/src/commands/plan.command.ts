import { createDemoRegistry } from '@a2a-mcp/agents';
import type { PlanArgs } from '../cli-args';
import { EXIT_OK } from '../cli-error';
import { widthOf, type CliIo } from '../cli-io';
import { renderPlanReport } from '../plan-report';
import { planRequest } from '../planners';

/** `a2a-mcp plan "<request>"`: prints the plan the planner makes over the demo agents. */
export async function planCommand(args: PlanArgs, io: CliIo): Promise<number> {
  const registry = createDemoRegistry();
  const plan = await planRequest(args.request, args.planner, registry, io.env, args.rules);
  if (args.json) io.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
  else io.stdout.write(`${renderPlanReport(plan, widthOf(io.stdout, io.env))}\n`);
  return EXIT_OK;
}
