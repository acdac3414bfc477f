import { useEffect, useState } from 'react';

/** The console's pages; the route lives in the URL's hash (`#/runs/<id>`), so the host serves one page. */
export type Route =
  | { page: 'runs' }
  | { page: 'run'; runId: string }
  | { page: 'new' }
  | { page: 'compare' }
  | { page: 'agents' }
  | { page: 'not-found'; hash: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/runs';
  const parts = path.split('/').filter((part) => part !== '');
  if (parts[0] === 'runs' && parts.length === 1) return { page: 'runs' };
  if (parts[0] === 'runs' && parts.length === 2) {
    try {
      return { page: 'run', runId: decodeURIComponent(parts[1]) };
    } catch {
      return { page: 'not-found', hash };
    }
  }
  if (parts.length === 1 && (parts[0] === 'new' || parts[0] === 'compare' || parts[0] === 'agents')) return { page: parts[0] };
  return { page: 'not-found', hash };
}

export function runHref(runId: string): string {
  return `#/runs/${encodeURIComponent(runId)}`;
}

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}
