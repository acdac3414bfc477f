import type { ApiSchemas, RunResult } from '@a2a-mcp/api-client';
import { useCallback, useEffect, useRef, useState, type JSX } from 'react';
import { describeApiError } from '../api/api-error';
import { useApi } from '../api/api-context';
import { CompareLane, type CompareStrategy } from './compare/CompareLane';
import { EXAMPLES, exampleByFile } from './examples';
import { formatMs, formatPercent } from './format';
import { parseJson } from './json-scan';
import { loadPlanDraft } from './plan-draft';

const STRATEGIES: readonly CompareStrategy[] = ['sequential', 'parallel', 'hybrid'];
const DRAFT = 'draft';
/**
 * The parallel strategy runs a level's tasks at once only when the level has at least this many (the
 * host's default is 3): at 2, two-task levels (most small examples) show what level-by-level costs.
 */
const DEFAULT_THRESHOLD = '2';

interface Lane {
  runId?: string;
  result?: RunResult;
  error?: string;
}

interface Session {
  id: number;
  plan: ApiSchemas['PlanDto'];
  parallelThreshold?: number;
  lanes: Partial<Record<CompareStrategy, Lane>>;
}

/**
 * One plan run three times, with each strategy, one run after the other (so they do not share the agents'
 * time and each makespan is the strategy's own), side by side on timelines.
 */
export function ComparePage(): JSX.Element {
  const { client, readOnly } = useApi();
  const [source, setSource] = useState(() => (exampleByFile('uneven-pipelines.json') ?? EXAMPLES[0])?.file ?? DRAFT);
  const [session, setSession] = useState<Session>();
  const [threshold, setThreshold] = useState(DEFAULT_THRESHOLD);
  const [error, setError] = useState<string>();
  const current = useRef(0);

  const launch = useCallback(
    async (id: number, plan: ApiSchemas['PlanDto'], parallelThreshold: number | undefined, strategy: CompareStrategy): Promise<void> => {
      const setLane = (lane: Lane): void =>
        setSession((now) => (now === undefined || now.id !== id ? now : { ...now, lanes: { ...now.lanes, [strategy]: { ...now.lanes[strategy], ...lane } } }));
      setLane({});
      try {
        const { data, error: failure, response } = await client.POST('/v1/runs', { body: { plan, strategy, ...(parallelThreshold === undefined ? {} : { parallelThreshold }) } });
        if (current.current !== id) return;
        if (data !== undefined) setLane({ runId: data.runId });
        else setLane({ error: describeApiError(failure, response) });
      } catch (failure) {
        if (current.current === id) setLane({ error: describeApiError(failure) });
      }
    },
    [client],
  );

  const start = (): void => {
    const text = source === DRAFT ? loadPlanDraft() : exampleByFile(source)?.text;
    const parsed = text === undefined ? undefined : parseJson(text);
    if (parsed === undefined || !parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
      setError(source === DRAFT ? 'The New run editor holds no plan that is valid JSON.' : `No example ${source}.`);
      return;
    }
    const parallelThreshold = threshold.trim() === '' ? undefined : Number(threshold);
    if (parallelThreshold !== undefined && (!Number.isInteger(parallelThreshold) || parallelThreshold < 1)) {
      setError(`The parallel threshold must be a whole number ≥ 1 (got ${JSON.stringify(threshold)}).`);
      return;
    }
    setError(undefined);
    const id = ++current.current;
    setSession({ id, plan: parsed.value as ApiSchemas['PlanDto'], parallelThreshold, lanes: {} });
  };

  // Each strategy starts once the one before it has its result; each exactly once per session.
  const launched = useRef(new Set<string>());
  useEffect(() => {
    if (session === undefined) return;
    for (const [index, strategy] of STRATEGIES.entries()) {
      const previous = index === 0 ? undefined : STRATEGIES[index - 1];
      if (previous !== undefined && session.lanes[previous]?.result === undefined) break;
      const key = `${session.id}:${strategy}`;
      if (launched.current.has(key)) continue;
      launched.current.add(key);
      void launch(session.id, session.plan, session.parallelThreshold, strategy);
    }
  }, [session, launch]);

  const onResult = useCallback((strategy: CompareStrategy, result: RunResult) => {
    setSession((now) => (now === undefined ? now : { ...now, lanes: { ...now.lanes, [strategy]: { ...now.lanes[strategy], result } } }));
  }, []);
  const onError = useCallback((strategy: CompareStrategy, message: string) => {
    setSession((now) => (now === undefined ? now : { ...now, lanes: { ...now.lanes, [strategy]: { ...now.lanes[strategy], error: message } } }));
  }, []);

  // Running until every strategy has its result, or one of them failed (the later ones then never start).
  const running =
    session !== undefined &&
    !STRATEGIES.some((strategy) => session.lanes[strategy]?.error !== undefined) &&
    STRATEGIES.some((strategy) => session.lanes[strategy]?.result === undefined);
  const hasDraft = loadPlanDraft() !== undefined;
  return (
    <div className="compare-page">
      <div className="page-head">
        <h1>Compare strategies</h1>
        <p className="muted">The same plan, run sequentially, level by level (parallel) and by dependencies (hybrid).</p>
      </div>
      <div className="toolbar card">
        <label>
          Plan
          <select data-testid="compare-source" value={source} onChange={(event) => setSource(event.target.value)}>
            {EXAMPLES.map((example) => (
              <option key={example.file} value={example.file}>
                {example.file}
              </option>
            ))}
            {hasDraft && <option value={DRAFT}>The New run editor's plan</option>}
          </select>
        </label>
        <label title="The parallel strategy runs a level's tasks at once only when the level has at least this many; empty: the plan's (else the host's, 3).">
          Parallel threshold
          <input data-testid="compare-threshold" type="number" min={1} placeholder="plan's" value={threshold} onChange={(event) => setThreshold(event.target.value)} />
        </label>
        <button
          type="button"
          className="primary"
          data-testid="compare-start"
          disabled={readOnly || running}
          onClick={start}
          title={readOnly ? 'This key is read-only: starting runs needs the runs:write scope.' : undefined}
        >
          {running ? 'Running…' : 'Run all three'}
        </button>
        {source !== DRAFT && <span className="muted">{exampleByFile(source)?.description}</span>}
      </div>
      {error !== undefined && (
        <p className="error banner" role="alert">
          {error}
        </p>
      )}
      {session !== undefined && (
        <>
          <CompareTable session={session} />
          <div className="compare-lanes" data-testid="compare-lanes" data-session={session.id}>
            {STRATEGIES.map((strategy) => {
              const lane = session.lanes[strategy];
              if (lane?.runId !== undefined) {
                return <CompareLane key={`${session.id}:${strategy}`} strategy={strategy} runId={lane.runId} onResult={onResult} onError={onError} />;
              }
              return (
                <section key={`${session.id}:${strategy}`} className="card compare-lane waiting" data-strategy={strategy}>
                  <header>
                    <h2>{strategy}</h2>
                  </header>
                  {lane?.error !== undefined ? <p className="error">{lane.error}</p> : <p className="muted">{lane === undefined ? 'Starts when the previous run ends.' : 'Starting…'}</p>}
                </section>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}

function CompareTable({ session }: { session: Session }): JSX.Element {
  const sequential = session.lanes.sequential?.result?.makespanMs;
  return (
    <div className="card table-card">
      <table className="compare-table" data-testid="compare-table">
        <thead>
          <tr>
            <th>Strategy</th>
            <th className="num">Makespan</th>
            <th className="num">Parallel efficiency</th>
            <th className="num">Speed-up over sequential</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {STRATEGIES.map((strategy) => {
            const result = session.lanes[strategy]?.result;
            const speedUp = result !== undefined && sequential !== undefined && result.makespanMs > 0 ? sequential / result.makespanMs : undefined;
            return (
              <tr key={strategy} data-strategy={strategy}>
                <td>{strategy}</td>
                <td className="num">{formatMs(result?.makespanMs)}</td>
                <td className="num">{formatPercent(result?.parallelEfficiency)}</td>
                <td className="num">{speedUp === undefined ? '–' : `${speedUp.toFixed(2)}×`}</td>
                <td>{result?.status ?? session.lanes[strategy]?.error ?? (session.lanes[strategy] === undefined ? 'waiting' : 'running')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
