import type { LookupFunction } from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';
import { UntrustedResponseError, guardedFetch } from '../security/guarded-fetch';
import { UntrustedUrlError, type UrlGuard } from '../security/url-guard';
import { validateA2aCard, type ValidA2aCard } from './a2a-card-validation';
import { tlsConnectOptions, tlsFailure, type A2aTlsOptions } from './a2a-tls';
import { AgentCardUnavailableError, BadAgentCardError } from './bad-agent-card.error';
import { causeChain } from './error-causes';

/** Where an A2A agent publishes its card under its base URL. */
export const AGENT_CARD_PATH = '/.well-known/agent-card.json';

export interface FetchAgentCardOptions {
  guard: UrlGuard;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** For an https card URL: the CAs to trust (an agent with a private or self-signed certificate). */
  tls?: A2aTlsOptions;
}

/** A base URL (no path) means the card at its well-known path; any other URL is the card's own. */
export function agentCardUrlOf(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw; // the guard names it as "not a URL"
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = AGENT_CARD_PATH;
  return url.href;
}

/**
 * Fetches and checks an A2A agent card: the URL and every redirect pass the guard, the sockets resolve
 * names through it too (a name that re-resolves to an internal address is refused), the body is read up
 * to `maxBytes`, and the document is validated field by field. Throws UntrustedUrlError,
 * BadAgentCardError (not JSON, too large, a bad field, HTTP 4xx) or AgentCardUnavailableError (also
 * for a certificate that is not trusted, saying so).
 */
export async function fetchAgentCard(cardUrl: string, options: FetchAgentCardOptions): Promise<ValidA2aCard> {
  const dispatcher = new Agent({ connect: { lookup: options.guard.lookup() as unknown as LookupFunction, ...tlsConnectOptions(cardUrl, options.tls) } });
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  try {
    const response = await guardedFetch(cardUrl, {
      guard: options.guard,
      what: 'the agent card URL',
      maxBytes: options.maxBytes,
      fetch: ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof globalThis.fetch,
      // A2A-Version: a server that also speaks 0.3 then serves its 1.0 card.
      init: { headers: { accept: 'application/json', 'a2a-version': '1.0' }, signal: AbortSignal.any(signals) },
    });
    const at = response.url.href;
    if (response.status >= 500 || response.status === 429) throw new AgentCardUnavailableError(at, `HTTP ${response.status}`);
    if (response.status !== 200) throw new BadAgentCardError(at, '(body)', `was not served: HTTP ${response.status}`);
    let document: unknown;
    try {
      document = JSON.parse(response.body.toString('utf8'));
    } catch (error) {
      throw new BadAgentCardError(at, '(body)', `is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    return validateA2aCard(document, at);
  } catch (error) {
    if (error instanceof BadAgentCardError || error instanceof AgentCardUnavailableError) throw error;
    if (error instanceof UntrustedResponseError) {
      throw new BadAgentCardError(error.url, '(body)', error.code === 'RESPONSE_TOO_LARGE' ? `is larger than ${options.maxBytes} bytes` : error.message);
    }
    const refused = causeChain(error).find((entry) => entry instanceof UntrustedUrlError);
    if (refused) throw refused;
    const chain = causeChain(error);
    const why = tlsFailure(error, cardUrl) ?? chain.map((entry) => (entry instanceof Error ? entry.message : String(entry))).join(': ');
    if (options.signal?.aborted) throw new AgentCardUnavailableError(cardUrl, `gave up (${why})`);
    throw new AgentCardUnavailableError(cardUrl, why);
  } finally {
    void dispatcher.close().catch(() => undefined);
  }
}
