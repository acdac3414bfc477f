import type { JSX } from 'react';
import { useApi, useApiSession } from './api/api-context';
import { AgentsPage } from './pages/AgentsPage';
import { ComparePage } from './pages/ComparePage';
import { NewRunPage } from './pages/NewRunPage';
import { RunsPage } from './pages/RunsPage';
import { useHashRoute, type Route } from './router';
import { RunPage } from './run/RunPage';

const NAV: { page: Route['page']; href: string; label: string; testId: string }[] = [
  { page: 'runs', href: '#/runs', label: 'Runs', testId: 'nav-runs' },
  { page: 'new', href: '#/new', label: 'New run', testId: 'nav-new' },
  { page: 'compare', href: '#/compare', label: 'Compare', testId: 'nav-compare' },
  { page: 'agents', href: '#/agents', label: 'Agents', testId: 'nav-agents' },
];

export function App(): JSX.Element {
  const route = useHashRoute();
  const active = route.page === 'run' ? 'runs' : route.page;
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href="#/runs">
          a2a-mcp
        </a>
        <nav>
          {NAV.map((item) => (
            <a key={item.page} href={item.href} data-testid={item.testId} className={item.page === active ? 'active' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
        <SessionBadges />
      </header>
      <main className="content">
        <Page route={route} />
      </main>
    </div>
  );
}

function Page({ route }: { route: Route }): JSX.Element {
  switch (route.page) {
    case 'runs':
      return <RunsPage />;
    case 'run':
      // Keyed: another run is a fresh page (its own event stream), never the previous one's state.
      return <RunPage key={route.runId} runId={route.runId} />;
    case 'new':
      return <NewRunPage />;
    case 'compare':
      return <ComparePage />;
    case 'agents':
      return <AgentsPage />;
    case 'not-found':
      return (
        <div className="card">
          <h1>Not found</h1>
          <p>
            Nothing at <code>{route.hash}</code>. <a href="#/runs">Back to the runs</a>.
          </p>
        </div>
      );
  }
}

function SessionBadges(): JSX.Element {
  const { readOnly } = useApi();
  const { hasKey, forgetKey } = useApiSession();
  return (
    <div className="session">
      {readOnly && (
        <span className="badge warn" data-testid="read-only" title="This key may read runs but not start or change them (no runs:write scope).">
          read-only
        </span>
      )}
      {hasKey && (
        <button type="button" className="link" onClick={forgetKey} data-testid="forget-key">
          Forget key
        </button>
      )}
    </div>
  );
}
