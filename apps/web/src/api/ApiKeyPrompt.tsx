import { useState, type FormEvent, type JSX } from 'react';

interface ApiKeyPromptProps {
  /** A key was sent and the host refused it (401), as opposed to none sent yet. */
  refused: boolean;
  onSubmit(key: string): void;
}

/** Asked when the API answers 401: the host runs with AUTH_MODE=apikey (or jwt: a token works the same). */
export function ApiKeyPrompt({ refused, onSubmit }: ApiKeyPromptProps): JSX.Element {
  const [key, setKey] = useState('');
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (key.trim() !== '') onSubmit(key.trim());
  };
  return (
    <div className="key-prompt">
      <form className="card key-card" onSubmit={submit}>
        <h1>a2a-mcp console</h1>
        <p>This host needs an API key (or a JWT). It is kept for this browser tab only.</p>
        {refused && (
          <p className="error" role="alert" data-testid="api-key-refused">
            The host refused that key (UNAUTHENTICATED). Check it and try again.
          </p>
        )}
        <label>
          API key
          <input
            data-testid="api-key-input"
            type="password"
            autoComplete="off"
            autoFocus
            value={key}
            onChange={(event) => setKey(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" data-testid="api-key-submit" disabled={key.trim() === ''}>
          Use this key
        </button>
      </form>
    </div>
  );
}
