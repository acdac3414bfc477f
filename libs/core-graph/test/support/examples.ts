import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowNodeSpec } from '../../src';

export interface ExamplePlan {
  name: string;
  parallelThreshold?: number;
  tasks: WorkflowNodeSpec[];
}

/** Loads a plan from the repository's examples/ folder. */
export function loadExample(name: string): ExamplePlan {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'examples', `${name}.json`), 'utf8')) as ExamplePlan;
}
