import type { TaskRequest } from '@a2a-mcp/core-graph';
import { QualityDomain, QualityError, parseEnvBoolean, prepareOutputSchemas, qualityScorerFromEnv, qualityScorerFromSettings, type ScoredAgentCard } from '../src';

const card: ScoredAgentCard & { name: string } = {
  name: 'reporter',
  skills: [{ metadata: { qualityDomain: 'BUSINESS', outputSchema: { type: 'object', required: ['report'], properties: { report: { type: 'string' } } } } }],
};
const agents = { cardOf: (agent: string) => (agent === 'reporter' ? card : undefined) };
const task: TaskRequest = { runId: 'r', taskId: 't', description: 'write the report', agent: 'reporter', input: {}, dependencyOutputs: {}, metadata: {} };

describe('parseEnvBoolean', () => {
  it.each([
    ['true', true],
    [' TRUE ', true],
    ['1', true],
    ['false', false],
    ['0', false],
    ['False', false],
  ])('%j → %s', (raw, expected) => {
    expect(parseEnvBoolean(raw)).toBe(expected);
  });

  it('unset or blank is undefined (the default applies); anything else is invalid', () => {
    expect(parseEnvBoolean(undefined)).toBeUndefined();
    expect(parseEnvBoolean('  ')).toBeUndefined();
    expect(parseEnvBoolean('yes')).toBe('invalid');
    expect(parseEnvBoolean('2')).toBe('invalid');
  });
});

describe('qualityScorerFromSettings', () => {
  it('scores nothing when disabled', () => {
    const score = qualityScorerFromSettings({ enabled: false, defaultDomain: QualityDomain.GENERIC }, agents);
    expect(score(task, { anything: 1 })).toBeUndefined();
  });

  it("checks outputs against the agent card's declared schema, compiled up front or not", () => {
    for (const outputSchemas of [undefined, prepareOutputSchemas([card])]) {
      const score = qualityScorerFromSettings({ enabled: true, defaultDomain: QualityDomain.GENERIC }, { ...agents, outputSchemas });
      const bad = score(task, { notTheReport: true });
      expect(bad?.approved).toBe(false);
      // The agent's domain applies when the task names none.
      expect(bad?.domain).toBe('BUSINESS');
      const good = score(task, { report: 'Quarterly revenue grew 12% on higher order volume; margins held.' });
      expect(good?.issues ?? []).not.toEqual(bad?.issues ?? []);
    }
  });
});

describe('qualityScorerFromEnv', () => {
  it('reads ENABLE_QUALITY_VALIDATION with the shared boolean reading', () => {
    expect(qualityScorerFromEnv({ ENABLE_QUALITY_VALIDATION: '0' }, agents)(task, {})).toBeUndefined();
    expect(qualityScorerFromEnv({ ENABLE_QUALITY_VALIDATION: 'TRUE' }, agents)(task, {})).toBeDefined();
    expect(() => qualityScorerFromEnv({ ENABLE_QUALITY_VALIDATION: 'yes' }, agents)).toThrow(QualityError);
  });
});
