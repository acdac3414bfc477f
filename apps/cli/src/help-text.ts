import { PROGRAM } from './cli-error';
import { API_KEY_ENV, SERVER_ENV } from './option-values';

/** What `a2a-mcp run --help` adds after the options: the environment an embedded run reads. */
export const RUN_HELP_FOOTER = `
Environment (embedded runs; the host reads the same variables):
  ENABLE_QUALITY_VALIDATION    true|false|1|0 (default: true)
  DEFAULT_QUALITY_DOMAIN       GENERIC|ANALYTICAL|BUSINESS|ACADEMIC|SERVICE|CREATIVE (default: GENERIC)
  CUSTOM_DEPENDENCIES_FILE     rules file for planning; --rules wins (default: none)
  DEFAULT_TASK_TIMEOUT_MS      per attempt, for tasks that set none (default: 3600000)
  DEFAULT_MAX_RETRIES          for tasks that set none (default: 3)
  QUALITY_MAX_RETRIES          re-runs under --quality-policy retry (default: 2)
  RUN_TIMEOUT_MS               the whole run (default: none)
  PLAN_MAX_TASKS, PLAN_MAX_ID_LENGTH, PLAN_MAX_INPUT_BYTES, PLAN_MAX_DESCRIPTION_LENGTH   plan limits
  PLANNER_LLM_URL, PLANNER_LLM_MODEL, PLANNER_LLM_API_KEY   for --planner llm
  ${SERVER_ENV}               the default for --server
  ${API_KEY_ENV}              the default for --api-key (an orchestrator with AUTH_MODE=apikey)

Examples:
  ${PROGRAM} run examples/ecommerce-order.json
  ${PROGRAM} run examples/ecommerce-order.json --strategy parallel --parallel-threshold 2 --json
  ${PROGRAM} run --request "Charge the card for order 7, then email the customer."
  ${PROGRAM} run examples/ecommerce-order.json --server http://localhost:3000
`;

/** What `a2a-mcp help` adds after the command list. */
export const HELP_FOOTER = `
Run '${PROGRAM} help <command>' (or '${PROGRAM} <command> --help') for a command's options and defaults.

Environment: ${SERVER_ENV} is the default for --server and ${API_KEY_ENV} for --api-key (the flags
win); run, plan and validate read the settings listed in '${PROGRAM} help run'.

Examples:
  ${PROGRAM} run examples/ecommerce-order.json
  ${PROGRAM} validate examples/data-pipeline.json
  ${PROGRAM} plan "charge the card for order 7, then email the customer"
  ${PROGRAM} agents
  ${SERVER_ENV}=http://localhost:3000 ${PROGRAM} runs list
  ${PROGRAM} watch 1a2b3c4d --server http://localhost:3000

Exit codes: 0 every task completed (or the command succeeded), 1 the run failed, completed partially or
was cancelled, or the orchestrator failed or could not be reached, 2 bad input (arguments, plan, unknown run).
`;
