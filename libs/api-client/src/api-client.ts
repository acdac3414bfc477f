import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/openapi';

export interface ApiClientOptions {
  /** The host, e.g. http://localhost:3000 (a trailing slash is fine). */
  baseUrl: string;
  /** Sent with every request as `Authorization: Bearer <apiKey>` (AUTH_MODE apikey: a key; jwt: a token). */
  apiKey?: string;
  /** Another fetch (tests, a proxy agent); the global one by default. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A client typed by the host's OpenAPI document: paths, parameters, bodies and responses come from the
 * generated types, so a change to the API that breaks a caller fails its compilation.
 * `client.GET('/v1/runs/{id}', { params: { path: { id } } })` resolves to `{ data }` or `{ error }`.
 */
export type ApiClient = Client<paths>;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    // Looked up per call, so a test (or a polyfill) that replaces the global fetch later is honoured.
    fetch: options.fetch ?? ((request: Request) => globalThis.fetch(request)),
  });
  const { apiKey } = options;
  if (apiKey !== undefined) {
    const authorization: Middleware = {
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${apiKey}`);
        return request;
      },
    };
    client.use(authorization);
  }
  return client;
}
