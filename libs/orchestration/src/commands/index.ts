import { CancelRunHandler } from './cancel-run/cancel-run.handler';
import { ModifyRunHandler } from './modify-run/modify-run.handler';
import { PlanRequestHandler } from './plan-request/plan-request.handler';
import { RegisterAgentHandler } from './register-agent/register-agent.handler';
import { ResumeRunHandler } from './resume-run/resume-run.handler';
import { RunWorkflowHandler } from './run-workflow/run-workflow.handler';

export * from './plan-request/plan-request.command';
export * from './run-workflow/run-workflow.command';
export * from './cancel-run/cancel-run.command';
export * from './modify-run/modify-run.command';
export * from './resume-run/resume-run.command';
export * from './register-agent/register-agent.command';
export { CancelRunHandler, ModifyRunHandler, PlanRequestHandler, RegisterAgentHandler, ResumeRunHandler, RunWorkflowHandler };

export const CommandHandlers = [PlanRequestHandler, RunWorkflowHandler, CancelRunHandler, ModifyRunHandler, ResumeRunHandler, RegisterAgentHandler];
