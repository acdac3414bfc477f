import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's examples/: the scenarios the README runs. */
export function examplePlan(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'examples', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export interface SimTask {
  id: string;
  description?: string;
  agent?: string;
  dependencies?: string[];
  input?: Record<string, unknown>;
  maxRetries?: number;
}

/** A plan of simulator tasks. */
export function simulatorPlan(tasks: SimTask[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'test',
    ...extra,
    tasks: tasks.map((task) => ({
      description: `task ${task.id}`,
      agent: 'simulator',
      dependencies: [],
      ...task,
    })),
  };
}
