import type { JSX } from 'react';
import type { CreateRunBody } from '@a2a-mcp/api-client';

export type StrategyChoice = '' | NonNullable<CreateRunBody['strategy']>;
export type QualityChoice = '' | NonNullable<CreateRunBody['qualityPolicy']>;

export interface RunOptionsValue {
  strategy: StrategyChoice;
  maxConcurrency: string;
  parallelThreshold: string;
  qualityPolicy: QualityChoice;
}

export const DEFAULT_RUN_OPTIONS: RunOptionsValue = { strategy: '', maxConcurrency: '', parallelThreshold: '', qualityPolicy: '' };

const STRATEGIES: { value: StrategyChoice; label: string }[] = [
  { value: '', label: "The plan's own (else the host's default)" },
  { value: 'auto', label: 'auto: the optimizer picks' },
  { value: 'sequential', label: 'sequential: one task at a time' },
  { value: 'parallel', label: 'parallel: level by level' },
  { value: 'hybrid', label: 'hybrid: each task as soon as its inputs are ready' },
];

/** The options of POST /v1/runs; empty fields are left out (the plan's or the host's defaults apply). */
export function RunOptions({ value, onChange }: { value: RunOptionsValue; onChange(value: RunOptionsValue): void }): JSX.Element {
  return (
    <fieldset className="run-options">
      <legend>Run options</legend>
      <label>
        Strategy
        <select data-testid="strategy-select" value={value.strategy} onChange={(event) => onChange({ ...value, strategy: event.target.value as StrategyChoice })}>
          {STRATEGIES.map((strategy) => (
            <option key={strategy.value} value={strategy.value}>
              {strategy.label}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <label>
          Max concurrency
          <input
            data-testid="max-concurrency"
            type="number"
            min={1}
            placeholder="host default"
            value={value.maxConcurrency}
            onChange={(event) => onChange({ ...value, maxConcurrency: event.target.value })}
          />
        </label>
        <label>
          Parallel threshold
          <input
            data-testid="parallel-threshold"
            type="number"
            min={1}
            placeholder="plan's"
            value={value.parallelThreshold}
            onChange={(event) => onChange({ ...value, parallelThreshold: event.target.value })}
          />
        </label>
      </div>
      <label>
        Quality policy
        <select data-testid="quality-select" value={value.qualityPolicy} onChange={(event) => onChange({ ...value, qualityPolicy: event.target.value as QualityChoice })}>
          <option value="">The plan's own</option>
          <option value="warn">warn: record low scores</option>
          <option value="retry">retry: run a low-scoring task again</option>
          <option value="fail">fail: a low score fails the task</option>
        </select>
      </label>
    </fieldset>
  );
}

/** The options as fields of the request body; a number field that is not a positive integer is named. */
export function runOptionsBody(value: RunOptionsValue): { body: Omit<CreateRunBody, 'plan' | 'request'> } | { error: string } {
  const body: Omit<CreateRunBody, 'plan' | 'request'> = {};
  if (value.strategy !== '') body.strategy = value.strategy;
  if (value.qualityPolicy !== '') body.qualityPolicy = value.qualityPolicy;
  for (const [field, text] of [
    ['maxConcurrency', value.maxConcurrency],
    ['parallelThreshold', value.parallelThreshold],
  ] as const) {
    if (text.trim() === '') continue;
    const number = Number(text);
    if (!Number.isInteger(number) || number < 1) return { error: `${field} must be a whole number ≥ 1 (got ${JSON.stringify(text)})` };
    body[field] = number;
  }
  return { body };
}
