import { PROGRAM } from './cli-error';

export const USAGE = `Usage:
  ${PROGRAM} run <plan.json> [options]        run a plan on the embedded engine and demo agents
  ${PROGRAM} validate <plan.json> [--json]    check a plan without running it
  ${PROGRAM} help                             show this help

Run options:
  --strategy <name>         sequential | parallel | hybrid | auto
                            (default: the plan's coordinationStrategy, else hybrid)
  --concurrency <n>         most tasks running at once (default: the plan's maxConcurrency, else unbounded)
  --parallel-threshold <n>  parallel strategy: smallest level run concurrently (default: the plan's, else 3)
  --quality-policy <p>      warn | retry | fail: what a below-threshold output does
                            (default: the plan's qualityPolicy, else warn)
  --planner <name>          with --request: deterministic (default) or llm
                            (llm needs PLANNER_LLM_URL, PLANNER_LLM_MODEL, optionally PLANNER_LLM_API_KEY)
  --rules <file>            with --request (and on plan): custom dependency rules, JSON
                            (see examples/custom-dependency-rules.json; default: CUSTOM_DEPENDENCIES_FILE)
  --json                    print only the run result as one JSON object
  --server <url>            submit to a running orchestrator (npm start) and follow it live

Environment: ENABLE_QUALITY_VALIDATION (true|false, default true), DEFAULT_QUALITY_DOMAIN
(GENERIC|ANALYTICAL|BUSINESS|ACADEMIC|SERVICE|CREATIVE, default GENERIC), CUSTOM_DEPENDENCIES_FILE
(rules file for planning; --rules wins); for tasks that set none: DEFAULT_TASK_TIMEOUT_MS (per attempt,
default 3600000), DEFAULT_MAX_RETRIES (default 3), QUALITY_MAX_RETRIES (retry policy, default 2);
RUN_TIMEOUT_MS (the whole run, default none); PLAN_MAX_TASKS, PLAN_MAX_ID_LENGTH, PLAN_MAX_INPUT_BYTES,
PLAN_MAX_DESCRIPTION_LENGTH (plan limits).

Exit codes: 0 every task completed, 1 the run failed, completed partially or was cancelled,
2 bad input (arguments or plan).
`;
