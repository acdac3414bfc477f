import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './browser';

/** An example plan file as the console bundles it. */
export function exampleText(file: string): string {
  return readFileSync(join(repoRoot, 'examples', file), 'utf8');
}

/** The task ids of an example plan. */
export function exampleTaskIds(file: string): string[] {
  const plan = JSON.parse(exampleText(file)) as { tasks: { id: string }[] };
  return plan.tasks.map((task) => task.id);
}

/** Waits until the New run page says the plan is valid (the host checked it). */
export async function waitForValidPlan(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="plan-status"][data-state="valid"]');
}

/** The run id of the Run page the console shows (`#/runs/<id>`), once it shows one. */
export async function waitForRunPage(page: Page): Promise<string> {
  await page.waitForFunction(() => /^#\/runs\/[^/]+$/.test(window.location.hash));
  return decodeURIComponent(new URL(page.url()).hash.slice('#/runs/'.length));
}

/** Waits until the DAG of the Run page shows every one of `taskIds` with `status`. */
export async function waitForDagStatus(page: Page, taskIds: string[], status: string): Promise<void> {
  await page.waitForFunction(
    ({ ids, wanted }) =>
      ids.every((id) => document.querySelector(`[data-testid="dag-node"][data-task-id="${CSS.escape(id)}"]`)?.getAttribute('data-status') === wanted),
    { ids: taskIds, wanted: status },
  );
}
