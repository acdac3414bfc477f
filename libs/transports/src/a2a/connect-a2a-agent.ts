import type { AgentCard as SdkAgentCard } from '@a2a-js/sdk';
import { ClientFactory, JsonRpcTransportFactory, RestTransportFactory } from '@a2a-js/sdk/client';
import type { ExternalAgent } from '../external/external-agent';
import type { PoolStats } from '../pool/pool-stats';
import { UrlGuard } from '../security/url-guard';
import { DEFAULT_TRANSPORT_SETTINGS } from '../transport-settings';
import { sdkCardOf, toAgentCard } from './a2a-card-conversion';
import { A2aExecutor } from './a2a-executor';
import { A2aHttpPool } from './a2a-http-pool';
import type { A2aTlsOptions } from './a2a-tls';
import { agentCardUrlOf, fetchAgentCard } from './fetch-agent-card';

export interface ConnectA2aAgentOptions {
  /** Decides which URLs may be called (AGENT_ALLOWED_HOSTS); `UrlGuard.fromEnv()` by default. */
  guard?: UrlGuard;
  /** Our name for the agent, instead of the one made from the card's display name. */
  name?: string;
  /** Keep-alive connections to the agent (CONNECTION_POOL_SIZE); default 20. */
  poolSize?: number;
  /** A fresh connection per request (the benchmark's baseline). */
  unpooled?: boolean;
  /** Largest card read; default 256 KiB. */
  maxCardBytes?: number;
  /** Budget of the card fetch; default 10 000 ms. */
  cardTimeoutMs?: number;
  /** Budget of the CancelTask call sent for an aborted attempt; default 5 000 ms. */
  cancelTimeoutMs?: number;
  /** Aborts the card fetch (a connect that took too long). */
  signal?: AbortSignal;
  /** For an agent served over https: the CAs to trust (a private or self-signed certificate), for the card and the calls. */
  tls?: A2aTlsOptions;
}

/** An A2A agent as the host uses it: its card in our shape, its executor, its HTTP pool. */
export interface A2aAgent extends ExternalAgent {
  transport: 'a2a';
  poolStats(): PoolStats;
}

export const DEFAULT_MAX_CARD_BYTES = 256 * 1024;
const DEFAULT_CARD_TIMEOUT_MS = 10_000;
const DEFAULT_CANCEL_TIMEOUT_MS = 5_000;

/**
 * Reaches an A2A agent by its card URL (or base URL, meaning its `/.well-known/agent-card.json`): the
 * card is fetched through the guard and validated, the URL inside it is checked by the same guard,
 * and the tasks run over a keep-alive pool to that URL's origin. Throws UntrustedUrlError
 * (UNTRUSTED_URL), BadAgentCardError (BAD_AGENT_CARD), AgentCardUnavailableError (AGENT_UNAVAILABLE,
 * also for a certificate that is not trusted), BadTlsOptionError (BAD_TLS_OPTION) or InvalidAgentNameError.
 */
export async function connectA2aAgent(cardUrl: string, options: ConnectA2aAgentOptions = {}): Promise<A2aAgent> {
  const guard = options.guard ?? UrlGuard.fromEnv();
  const url = agentCardUrlOf(cardUrl);
  const card = await fetchAgentCard(url, {
    guard,
    maxBytes: options.maxCardBytes ?? DEFAULT_MAX_CARD_BYTES,
    timeoutMs: options.cardTimeoutMs ?? DEFAULT_CARD_TIMEOUT_MS,
    signal: options.signal,
    tls: options.tls,
  });
  const endpoint = await guard.check(card.endpoint.url, `the URL in the agent card of ${url}`);
  const agentCard = toAgentCard(card, url, options.name);
  const pool = new A2aHttpPool(endpoint.origin, { guard, poolSize: options.poolSize ?? DEFAULT_TRANSPORT_SETTINGS.poolSize, unpooled: options.unpooled, tls: options.tls });
  const fetchImpl = pool.fetch;
  const factory = new ClientFactory({
    // legacyCompat: a card in the 0.3 shape gets the SDK's 0.3 wire format.
    transports: [new JsonRpcTransportFactory({ fetchImpl, legacyCompat: { enabled: true } }), new RestTransportFactory({ fetchImpl, legacyCompat: { enabled: true } })],
    // The card is already fetched, checked and parsed: the SDK must not fetch or reinterpret it.
    cardResolver: {
      resolve: () => Promise.reject(new Error('the A2A client resolves no cards itself')),
      normalizeAgentCard: (parsed: unknown) => parsed as SdkAgentCard,
    },
  });
  let client;
  try {
    client = await factory.createFromAgentCard(sdkCardOf(card, url));
  } catch (error) {
    await pool.close();
    throw error;
  }
  const executor = new A2aExecutor({ agent: agentCard.name, address: endpoint.href, client, cancelTimeoutMs: options.cancelTimeoutMs ?? DEFAULT_CANCEL_TIMEOUT_MS });
  return {
    card: agentCard,
    executor,
    transport: 'a2a',
    address: endpoint.href,
    poolStats: () => pool.stats(),
    close: async () => {
      await executor.settle();
      await pool.close();
    },
  };
}
