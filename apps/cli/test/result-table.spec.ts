import type { RunResult } from '@a2a-mcp/core-graph';
import { renderResultTable } from '../src/result-table';
import { renderHeadline, renderSummaryLine } from '../src/run-summary';
import { toResultJson } from '../src/result-json';

const result: RunResult = {
  runId: '0123456789abcdef',
  status: 'partial',
  strategy: 'hybrid',
  strategyReason: 'requested',
  makespanMs: 101.4,
  criticalPath: ['payment', 'shipping'],
  criticalPathMs: 100.2,
  totalTaskMs: 150.6,
  parallelEfficiency: 0.327,
  successful: ['payment', 'shipping'],
  failed: ['email'],
  skipped: ['sms'],
  cancelled: [],
  partialCompletion: true,
  totalQueueWaitMs: 0,
  tasks: {
    payment: { status: 'completed', agent: 'payment_processor', attempts: 1, startedAtMs: 0.5, finishedAtMs: 50.6, durationMs: 50.1, qualityScore: 0.98 },
    shipping: { status: 'completed', agent: 'shipping_agent', attempts: 2, startedAtMs: 50.7, finishedAtMs: 100.8, durationMs: 50.1 },
    email: {
      status: 'failed',
      agent: 'email_agent',
      attempts: 3,
      startedAtMs: 50.7,
      finishedAtMs: 101,
      durationMs: 50.4,
      error: { code: 'TIMEOUT', message: 'task "email" timed out after 40 ms' },
    },
    sms: { status: 'skipped', agent: 'sms_agent', attempts: 0, error: { code: 'SKIPPED', message: 'dependency "email" did not complete' } },
  },
};

describe('renderResultTable', () => {
  it('lists every task with status, agent, attempts, duration, quality and error', () => {
    expect(renderResultTable(result)).toBe(
      [
        'TASK      STATUS     AGENT              ATTEMPTS  MS  QUALITY  ERROR',
        'payment   completed  payment_processor         1  50     0.98',
        'shipping  completed  shipping_agent            2  50        -',
        'email     failed     email_agent               3  50        -  TIMEOUT: task "email" timed out after 40 ms',
        'sms       skipped    sms_agent                 0   -        -  SKIPPED: dependency "email" did not complete',
      ].join('\n'),
    );
  });

  it('cuts long errors to the terminal width', () => {
    const lines = renderResultTable(result, 80).split('\n');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(79);
    expect(lines[3].endsWith('…')).toBe(true);
  });
});

describe('run summary', () => {
  it('states the outcome with counts', () => {
    expect(renderHeadline(result)).toBe('Run 01234567 partial: 2/4 tasks completed, 1 failed, 1 skipped');
  });

  it('gives strategy, makespan, critical path, total task time and efficiency', () => {
    expect(renderSummaryLine(result)).toBe(
      'strategy hybrid · makespan 101 ms · critical path payment → shipping (100 ms) · total task time 151 ms · parallel efficiency 33%',
    );
  });
});

describe('toResultJson', () => {
  it('keeps every contract key of a task that never ran, as null', () => {
    const json = JSON.parse(JSON.stringify(toResultJson(result))) as Record<string, unknown> & { tasks: Record<string, object> };
    expect(json.tasks.sms).toEqual({
      status: 'skipped',
      agent: 'sms_agent',
      attempts: 0,
      startedAtMs: null,
      finishedAtMs: null,
      durationMs: null,
      qualityScore: null,
      error: { code: 'SKIPPED', message: 'dependency "email" did not complete' },
    });
    expect(json.criticalPath).toEqual(['payment', 'shipping']);
  });
});
