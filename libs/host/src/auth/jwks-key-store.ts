import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { CredentialRejection, KeySetUnavailable } from './credential-rejection';

export interface JwksKeyStoreOptions {
  /** Keys are fetched again after this long, so a key the provider withdrew stops working (default 10 min). */
  maxAgeMs?: number;
  /** Fetches a minute at most, so tokens naming made-up key ids cannot make the host hammer the provider (default 10). */
  fetchesPerMinute?: number;
  /** One fetch's time limit (default 5 s). */
  timeoutMs?: number;
  /** A key set larger than this is refused (default 1 MiB). */
  maxBytes?: number;
  now?: () => number;
}

interface JsonWebKeyEntry extends JsonWebKey {
  kid?: string;
  use?: string;
}

/**
 * The public keys of JWT_JWKS_URL by key id: fetched when first needed, kept `maxAgeMs`, fetched
 * again at once for a token whose `kid` is unknown (the provider rotated its keys), within
 * `fetchesPerMinute`. Concurrent requests share one fetch.
 */
export class JwksKeyStore {
  private keys = new Map<string, KeyObject>();
  private fetchedAt: number | undefined;
  private inFlight: Promise<void> | undefined;
  private readonly recentFetches: number[] = [];
  private readonly maxAgeMs: number;
  private readonly fetchesPerMinute: number;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(
    private readonly url: string,
    options: JwksKeyStoreOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.fetchesPerMinute = options.fetchesPerMinute ?? 10;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** The key a token's header names; a token without `kid` may use the set's only key. */
  async keyFor(kid: string | undefined): Promise<KeyObject> {
    if (this.fetchedAt === undefined || this.now() - this.fetchedAt > this.maxAgeMs) await this.refresh();
    let key = this.find(kid);
    if (key === undefined && this.mayFetch()) {
      await this.refresh();
      key = this.find(kid);
    }
    if (key === undefined) throw new CredentialRejection(`no key of the key set matches the token's kid ${JSON.stringify(String(kid).slice(0, 64))}`);
    return key;
  }

  private find(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private mayFetch(): boolean {
    const minuteAgo = this.now() - 60_000;
    while (this.recentFetches.length > 0 && this.recentFetches[0] <= minuteAgo) this.recentFetches.shift();
    return this.inFlight !== undefined || this.recentFetches.length < this.fetchesPerMinute;
  }

  private refresh(): Promise<void> {
    if (this.inFlight === undefined) {
      if (!this.mayFetch()) {
        // Too many fetches this minute: the keys we have stand, and without any the provider is down for us.
        if (this.fetchedAt !== undefined) return Promise.resolve();
        return Promise.reject(new KeySetUnavailable(`the key set at JWT_JWKS_URL failed ${this.fetchesPerMinute} times in the last minute`));
      }
      this.recentFetches.push(this.now());
      this.inFlight = this.fetchKeys().finally(() => (this.inFlight = undefined));
    }
    return this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    let text: string;
    try {
      const response = await fetch(this.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      throw new KeySetUnavailable(`the key set at JWT_JWKS_URL could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
    if (Buffer.byteLength(text) > this.maxBytes) throw new KeySetUnavailable(`the key set at JWT_JWKS_URL is larger than ${this.maxBytes} bytes`);
    let entries: unknown;
    try {
      entries = (JSON.parse(text) as { keys?: unknown }).keys;
    } catch {
      throw new KeySetUnavailable('the key set at JWT_JWKS_URL is not JSON');
    }
    if (!Array.isArray(entries)) throw new KeySetUnavailable('the key set at JWT_JWKS_URL has no "keys" array');
    const keys = new Map<string, KeyObject>();
    entries.forEach((entry: JsonWebKeyEntry, index) => {
      // Encryption keys and symmetric keys never verify a token here.
      if (typeof entry !== 'object' || entry === null || entry.use === 'enc' || (entry.kty !== 'RSA' && entry.kty !== 'EC')) return;
      try {
        keys.set(entry.kid ?? `#${index}`, createPublicKey({ key: entry, format: 'jwk' }));
      } catch {
        // A key Node cannot read (an unknown curve) is skipped; the others still verify.
      }
    });
    this.keys = keys;
    this.fetchedAt = this.now();
  }
}
