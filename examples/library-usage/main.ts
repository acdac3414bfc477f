// The library example as a program: `node examples/library-usage/dist/main.js examples/uneven-pipelines.json`.
import { runPlanFile } from './run-plan-file';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort()); // Ctrl-C cancels the run; running agents see the signal

runPlanFile(process.argv[2] ?? 'examples/uneven-pipelines.json', { signal: controller.signal }).then(
  (result) => {
    console.log(`${result.status} in ${Math.round(result.makespanMs)} ms, critical path ${result.criticalPath.join(' → ')}`);
    process.exitCode = result.status === 'completed' ? 0 : 1;
  },
  (error: Error) => {
    console.error(`library-usage: ${error.message}`);
    process.exitCode = 2;
  },
);
