import { DeterministicPlanner, IDLE_LOAD, LlmPlanner, PlanningError, closestName, createBuiltInPlanner, engineRunOptions, runOptionsFor, type Plan } from '../src';

const task = (id: string, dependencies: string[] = []): Plan['tasks'][number] => ({ id, description: id, agent: 'simulator', dependencies });
const fan: Plan = { tasks: [task('a'), task('b', ['a']), task('c', ['a'])] };
const defaults = { strategy: 'hybrid' as const, strategySource: 'default strategy', requestedBy: '--strategy' };
const execution = { taskTimeoutMs: 5000, maxRetries: 1, qualityRetries: 2 };

describe('runOptionsFor', () => {
  it('resolves the settings and turns them and the execution defaults into engine options', () => {
    const { settings, options } = runOptionsFor(
      { ...fan, parallelThreshold: 2 },
      { overrides: { strategy: 'parallel', maxConcurrency: 4, qualityPolicy: 'retry' }, defaults, load: () => IDLE_LOAD, execution: { ...execution, runTimeoutMs: 60_000 } },
    );
    expect(settings).toMatchObject({ strategy: 'parallel', strategyReason: '--strategy parallel', maxConcurrency: 4, parallelThreshold: 2 });
    expect(options).toEqual({
      strategy: 'parallel',
      strategyReason: '--strategy parallel',
      maxConcurrency: 4,
      parallelThreshold: 2,
      qualityPolicy: 'retry',
      defaultTimeoutMs: 5000,
      runTimeoutMs: 60_000,
      retry: { defaultMaxRetries: 1, qualityRetries: 2 },
    });
  });

  it('leaves out what nobody set, so the engine applies its own defaults', () => {
    const options = engineRunOptions({ strategy: 'hybrid', strategyReason: 'default strategy hybrid', qualityPolicy: 'warn' }, execution);
    expect(Object.keys(options).sort()).toEqual(['defaultTimeoutMs', 'qualityPolicy', 'retry', 'strategy', 'strategyReason']);
  });
});

describe('createBuiltInPlanner', () => {
  it('makes the deterministic planner, or the LLM planner from its variables', () => {
    expect(createBuiltInPlanner('deterministic', {})).toBeInstanceOf(DeterministicPlanner);
    expect(createBuiltInPlanner('llm', { PLANNER_LLM_URL: 'http://127.0.0.1:1/v1', PLANNER_LLM_MODEL: 'm' })).toBeInstanceOf(LlmPlanner);
  });

  it('names the missing variable of an unconfigured LLM planner', () => {
    expect(() => createBuiltInPlanner('llm', {})).toThrow(PlanningError);
    expect(() => createBuiltInPlanner('llm', {})).toThrow(/PLANNER_LLM_URL/);
  });
});

describe('closestName', () => {
  const agents = ['shipping_agent', 'payment_processor', 'email_agent', 'sms_agent'];

  it.each([
    ['shiping_agent', 'shipping_agent'],
    ['Payment-Processor', 'payment_processor'],
    ['emial_agent', 'email_agent'],
  ])('%s → %s', (typed, expected) => {
    expect(closestName(typed, agents)).toBe(expected);
  });

  it('swapped neighbours count as one typo, even in a short name', () => {
    expect(closestName('rnu', ['run', 'plan', 'runs'])).toBe('run');
  });

  it('guesses nothing when no name is close', () => {
    expect(closestName('babel_fish', agents)).toBeUndefined();
  });
});
