import type { AgentList } from '@a2a-mcp/api-client';
import { useEffect, useState, type JSX } from 'react';
import { describeApiError } from '../api/api-error';
import { useApi } from '../api/api-context';
import { formatTime } from './format';

type Agent = AgentList['items'][number];
/** Health and pool use change as replicas come and go and runs call them. */
const REFRESH_MS = 5000;

/** Every agent this host can call: its A2A card, where it runs, its replicas, health and connection pool. */
export function AgentsPage(): JSX.Element {
  const { client } = useApi();
  const [agents, setAgents] = useState<Agent[]>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    client
      .GET('/v1/agents', { signal: abort.signal })
      .then(({ data, error: failure, response }) => {
        if (abort.signal.aborted) return;
        if (data !== undefined) {
          setAgents([...data.items].sort((a, b) => a.name.localeCompare(b.name)));
          setError(undefined);
        } else setError(response.status === 403 ? `${describeApiError(failure, response)} (the agents page needs the agents:read scope)` : describeApiError(failure, response));
      })
      .catch((failure: unknown) => {
        if (!abort.signal.aborted) setError(describeApiError(failure));
      });
    const timer = setTimeout(() => setReloads((n) => n + 1), REFRESH_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [client, reloads]);

  return (
    <div className="agents-page">
      <div className="page-head">
        <h1>Agents</h1>
        {agents !== undefined && (
          <p className="muted">
            {agents.length} agent{agents.length === 1 ? '' : 's'}, {agents.filter((agent) => agent.healthy).length} healthy
          </p>
        )}
      </div>
      {error !== undefined && (
        <p className="error banner" role="alert" data-testid="agents-error">
          {error}
        </p>
      )}
      {agents === undefined && error === undefined && <p className="empty">Loading…</p>}
      <div className="agent-grid">
        {agents?.map((agent) => (
          <AgentCard key={agent.name} agent={agent} />
        ))}
      </div>
    </div>
  );
}

function AgentCard({ agent }: { agent: Agent }): JSX.Element {
  return (
    <article className="card agent" data-testid="agent-row" data-agent={agent.name} data-healthy={String(agent.healthy)}>
      <header>
        <h2>{agent.name}</h2>
        <span className="muted">v{agent.version}</span>
        <span className={`badge ${agent.healthy ? 'good' : 'bad'}`} title={agent.reason}>
          {agent.healthy ? 'healthy' : 'unhealthy'}
        </span>
      </header>
      <p>{agent.description}</p>
      {!agent.healthy && agent.reason !== undefined && <p className="error">{agent.reason}</p>}
      <dl className="facts">
        <dt>Transport</dt>
        <dd>
          <span className="badge">{agent.transport}</span>
        </dd>
        <dt>Address</dt>
        <dd>
          <code>{agent.address}</code>
        </dd>
        {agent.url !== undefined && (
          <>
            <dt>URL</dt>
            <dd>
              <code>{agent.url}</code>
            </dd>
          </>
        )}
        <dt>Replicas</dt>
        <dd>
          {agent.replicas.length === 0 ? (
            <span className="muted">{agent.transport === 'local' ? 'in this process' : 'none seen'}</span>
          ) : (
            <ul className="replicas">
              {agent.replicas.map((replica) => (
                <li key={replica.replicaId} title={`last seen ${formatTime(replica.lastSeenAt)}`}>
                  <code>{replica.replicaId}</code> · {replica.tasksServed} task{replica.tasksServed === 1 ? '' : 's'}
                  {replica.leaving === true && <span className="muted"> (leaving)</span>}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {agent.pool !== undefined && (
          <>
            <dt>Pool</dt>
            <dd data-testid="agent-pool">
              {agent.pool.inUse} of {agent.pool.size} in use · {agent.pool.created} opened · {agent.pool.reused} reused
            </dd>
          </>
        )}
      </dl>
      <h3>Skills</h3>
      <ul className="skills">
        {agent.skills.map((skill) => (
          <li key={skill.id} data-testid="agent-skill" data-skill={skill.id}>
            <strong>{skill.name}</strong> <code className="muted">{skill.id}</code>
            {skill.description !== '' && <div className="muted">{skill.description}</div>}
            {skill.tags.length > 0 && (
              <div className="tags">
                {skill.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </article>
  );
}
