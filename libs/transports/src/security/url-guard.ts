import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** A URL the host refuses to call: wrong scheme, or a loopback/private/link-local address not allowed. */
export class UntrustedUrlError extends Error {
  readonly code = 'UNTRUSTED_URL' as const;
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`refused to call ${url}: ${reason}`);
    this.name = 'UntrustedUrlError';
  }
}

type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export interface UrlGuardOptions {
  /**
   * AGENT_ALLOWED_HOSTS: host names, IP addresses or CIDR ranges that may be called although they are
   * loopback, private or link-local (a local Ollama, agents on the same network).
   */
  allowedHosts?: readonly string[];
  /** Name resolution; the system resolver by default (tests inject a fake one). */
  resolve?: Resolve;
}

const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => {
    const options: LookupAllOptions = { all: true, verbatim: true };
    dnsLookup(hostname, options, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/** Addresses that reach this machine or its networks rather than the public internet. */
function internalRanges(): BlockList {
  const list = new BlockList();
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 4],
    ['240.0.0.0', 4],
  ] as const) {
    list.addSubnet(net, prefix, 'ipv4');
  }
  list.addAddress('::', 'ipv6');
  list.addAddress('::1', 'ipv6');
  list.addSubnet('fc00::', 7, 'ipv6');
  list.addSubnet('fe80::', 10, 'ipv6');
  list.addSubnet('ff00::', 8, 'ipv6');
  return list;
}

const INTERNAL = internalRanges();

/** `::ffff:127.0.0.1` is 127.0.0.1: judge mapped IPv4 addresses as IPv4. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  // The URL parser writes [::ffff:127.0.0.1] as [::ffff:7f00:1].
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return { address: `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, family: 'ipv4' };
  }
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/**
 * Decides whether the host may call a URL it was given by a user or a remote party (an agent card URL,
 * the URL inside a card, an MCP server URL): http(s) only, and no loopback, private or link-local
 * address unless AGENT_ALLOWED_HOSTS lists it. Names are resolved first, so a DNS name pointing at
 * 127.0.0.1 is refused too; `lookup()` gives the same check to the socket, so a name cannot resolve
 * to a public address for the check and an internal one for the connection.
 */
export class UrlGuard {
  private readonly allowedNames = new Set<string>();
  private readonly allowedAddresses = new BlockList();
  private readonly resolve: Resolve;

  constructor(options: UrlGuardOptions = {}) {
    this.resolve = options.resolve ?? systemResolve;
    for (const entry of options.allowedHosts ?? []) this.allow(entry);
  }

  /** From AGENT_ALLOWED_HOSTS (comma-separated host names, IPs or CIDRs). Throws naming a bad entry. */
  static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): UrlGuard {
    return new UrlGuard({ allowedHosts: parseAllowedHosts(env.AGENT_ALLOWED_HOSTS) });
  }

  /** The checked URL; throws UntrustedUrlError naming `what` ("the card URL", "MCP server \"x\"") and why. */
  async check(raw: string | URL, what: string): Promise<URL> {
    let url: URL;
    try {
      url = typeof raw === 'string' ? new URL(raw) : raw;
    } catch {
      throw new UntrustedUrlError(String(raw), `${what} is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new UntrustedUrlError(url.href, `${what} must be http or https, not ${url.protocol.replace(/:$/, '')}`);
    }
    if (url.username !== '' || url.password !== '') throw new UntrustedUrlError(redacted(url), `${what} must not carry credentials`);
    const hostname = hostnameOf(url);
    if (this.allowedNames.has(hostname.toLowerCase())) return url;
    let addresses: LookupAddress[];
    try {
      addresses = isIP(hostname) ? [{ address: hostname, family: isIP(hostname) }] : await this.resolve(hostname);
    } catch (error) {
      throw new UntrustedUrlError(url.href, `${what}: cannot resolve ${hostname} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    for (const { address } of addresses) {
      const reason = this.refusal(address);
      if (reason) throw new UntrustedUrlError(url.href, `${what}: ${hostname} is ${reason}; list it in AGENT_ALLOWED_HOSTS to allow it`);
    }
    return url;
  }

  /** Undefined when `address` may be connected to, else what it is ("a loopback or private address (127.0.0.1)"). */
  refusal(address: string): string | undefined {
    const { address: ip, family } = normalise(address);
    if (!INTERNAL.check(ip, family)) return undefined;
    if (this.allowedAddresses.check(ip, family)) return undefined;
    return `a loopback, private or link-local address (${ip})`;
  }

  /** True when `hostname` is listed by name (the connection-time check then trusts it). */
  allowsName(hostname: string): boolean {
    return this.allowedNames.has(hostname.toLowerCase());
  }

  /**
   * A `dns.lookup`-compatible function for sockets (undici's `connect.lookup`, `net.connect`): it
   * resolves like the system and fails with UNTRUSTED_URL when the address it found is refused.
   */
  lookup(): (hostname: string, options: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => void {
    return (hostname, options, callback) => {
      this.resolve(hostname).then(
        (addresses) => {
          const trusted = this.allowsName(hostname) ? addresses : addresses.filter(({ address }) => this.refusal(address) === undefined);
          if (trusted.length === 0) {
            const reason = addresses.length === 0 ? 'no address' : this.refusal(addresses[0].address);
            callback(new UntrustedUrlError(hostname, `${hostname} resolves to ${reason}; list it in AGENT_ALLOWED_HOSTS to allow it`), '', 0);
            return;
          }
          if ((options as { all?: boolean }).all === true) callback(null, trusted);
          else callback(null, trusted[0].address, trusted[0].family);
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), '', 0),
      );
    };
  }

  private allow(entry: string): void {
    const value = entry.trim();
    const cidr = /^(.+)\/(\d{1,3})$/.exec(value);
    if (cidr && isIP(cidr[1])) {
      const family = isIP(cidr[1]) === 6 ? 'ipv6' : 'ipv4';
      this.allowedAddresses.addSubnet(cidr[1], Number(cidr[2]), family);
    } else if (isIP(value)) {
      this.allowedAddresses.addAddress(value, isIP(value) === 6 ? 'ipv6' : 'ipv4');
    } else {
      this.allowedNames.add(value.toLowerCase());
    }
  }
}

/** The bracket-free host name of a URL (`[::1]` → `::1`). */
function hostnameOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function redacted(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}

const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;

/** AGENT_ALLOWED_HOSTS → entries; throws an Error naming the first bad one. */
export function parseAllowedHosts(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    const ok = cidr ? isIP(cidr[1]) !== 0 && Number(cidr[2]) <= (isIP(cidr[1]) === 6 ? 128 : 32) : isIP(entry) !== 0 || HOST_NAME.test(entry);
    if (!ok) throw new Error(`AGENT_ALLOWED_HOSTS: ${JSON.stringify(entry)} is not a host name, an IP address or a CIDR range`);
  }
  return entries;
}
