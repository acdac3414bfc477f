import { createApiClient, type ApiClient } from '@a2a-mcp/api-client';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type JSX, type ReactNode } from 'react';
import { ApiKeyPrompt } from './ApiKeyPrompt';
import { authWatch } from './auth-watch';
import { loadApiKey, saveApiKey } from './key-store';
import { probeWriteAccess } from './write-access';

export interface ApiValue {
  client: ApiClient;
  /** The key may read but not write (a 403 FORBIDDEN on a write): pages hide or disable their writes. */
  readOnly: boolean;
  markReadOnly(): void;
  baseUrl: string;
}

export interface ApiSession {
  /** A key is in use (the host asked for one). */
  hasKey: boolean;
  /** Drops the key; the next call that needs one asks again. */
  forgetKey(): void;
}

const ApiContext = createContext<ApiValue | undefined>(undefined);
const SessionContext = createContext<ApiSession>({ hasKey: false, forgetKey: () => undefined });

export function useApi(): ApiValue {
  const value = useContext(ApiContext);
  if (value === undefined) throw new Error('useApi() needs an <ApiProvider> around the component');
  return value;
}

export function useApiSession(): ApiSession {
  return useContext(SessionContext);
}

type Prompt = 'none' | 'missing' | 'refused';

/**
 * The typed client of this host (the page's own origin), with the key the user gave, if any. A 401 swaps the
 * page for the key form; the pages mount again with the new key and load afresh.
 */
export function ApiProvider({ children }: { children: ReactNode }): JSX.Element {
  const baseUrl = window.location.origin;
  const [apiKey, setApiKey] = useState(loadApiKey);
  const [prompt, setPrompt] = useState<Prompt>('none');
  const [readOnly, setReadOnly] = useState(false);
  const markReadOnly = useCallback(() => setReadOnly(true), []);
  // Answers to calls made with an older key arrive late; only the current key's answers count.
  const currentKey = useRef(apiKey);
  currentKey.current = apiKey;

  const client = useMemo(() => {
    const created = createApiClient({ baseUrl, apiKey });
    created.use(
      authWatch({
        unauthenticated: () => {
          if (currentKey.current === apiKey) setPrompt(apiKey === undefined ? 'missing' : 'refused');
        },
        forbiddenWrite: () => {
          if (currentKey.current === apiKey) markReadOnly();
        },
      }),
    );
    return created;
  }, [baseUrl, apiKey, markReadOnly]);

  useEffect(() => {
    setReadOnly(false);
    const abort = new AbortController();
    void probeWriteAccess(client, abort.signal);
    return () => abort.abort();
  }, [client]);

  const value = useMemo<ApiValue>(() => ({ client, readOnly, markReadOnly, baseUrl }), [client, readOnly, markReadOnly, baseUrl]);
  const session = useMemo<ApiSession>(
    () => ({
      hasKey: apiKey !== undefined,
      forgetKey: () => {
        saveApiKey(undefined);
        setApiKey(undefined);
      },
    }),
    [apiKey],
  );

  if (prompt !== 'none') {
    return (
      <ApiKeyPrompt
        refused={prompt === 'refused'}
        onSubmit={(key) => {
          saveApiKey(key);
          setApiKey(key);
          setPrompt('none');
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <ApiContext.Provider value={value}>{children}</ApiContext.Provider>
    </SessionContext.Provider>
  );
}
