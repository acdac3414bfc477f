import type { LookupAddress } from 'node:dns';
import { UntrustedUrlError, UrlGuard, parseAllowedHosts } from '../../src';

/** A resolver over a fixed table; counts lookups so a test can see a name was not resolved. */
function table(entries: Record<string, string[]>): { resolve: (hostname: string) => Promise<LookupAddress[]>; lookups: string[] } {
  const lookups: string[] = [];
  return {
    lookups,
    resolve: async (hostname) => {
      lookups.push(hostname);
      const addresses = entries[hostname];
      if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    },
  };
}

async function refusal(guard: UrlGuard, url: string): Promise<UntrustedUrlError> {
  const error = await guard.check(url, 'the test URL').catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UntrustedUrlError);
  expect(error).toMatchObject({ code: 'UNTRUSTED_URL' });
  return error as UntrustedUrlError;
}

describe('UrlGuard.check', () => {
  const guard = new UrlGuard({ resolve: table({}).resolve });

  it('lets public http and https addresses through, as URLs', async () => {
    await expect(guard.check('https://93.184.216.34/card.json', 'x')).resolves.toBeInstanceOf(URL);
    await expect(guard.check(new URL('http://[2001:4860:4860::8888]:8080/'), 'x')).resolves.toMatchObject({ port: '8080' });
  });

  it.each(['ftp://93.184.216.34/card.json', 'file:///etc/passwd', 'javascript:alert(1)', 'gopher://93.184.216.34/'])('refuses the scheme of %s', async (url) => {
    const error = await refusal(guard, url);
    expect(error.message).toMatch(/the test URL must be http or https, not (ftp|file|javascript|gopher)/);
  });

  it('refuses what is not a URL and a URL with credentials (without echoing the password)', async () => {
    expect((await refusal(guard, 'not a url')).message).toBe('refused to call not a url: the test URL is not a URL');
    const withCredentials = await refusal(guard, 'https://user:hunter2@93.184.216.34/');
    expect(withCredentials.message).toContain('must not carry credentials');
    expect(withCredentials.message).not.toContain('hunter2');
  });

  it.each([
    ['http://127.0.0.1/', '127.0.0.1'],
    ['http://127.8.9.10:3000/', '127.8.9.10'],
    ['http://10.1.2.3/', '10.1.2.3'],
    ['http://172.16.0.1/', '172.16.0.1'],
    ['http://172.31.255.255/', '172.31.255.255'],
    ['http://192.168.1.1/', '192.168.1.1'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254'],
    ['http://100.64.0.1/', '100.64.0.1'],
    ['http://0.0.0.0/', '0.0.0.0'],
    ['http://224.0.0.1/', '224.0.0.1'],
    ['http://[::1]/', '::1'],
    ['http://[::]/', '::'],
    ['http://[fd12:3456::1]/', 'fd12:3456::1'],
    ['http://[fe80::1]/', 'fe80::1'],
  ])('refuses %s (loopback, private or link-local)', async (url, address) => {
    const error = await refusal(guard, url);
    expect(error.message).toContain(`a loopback, private or link-local address (${address}); list it in AGENT_ALLOWED_HOSTS to allow it`);
  });

  it('judges an IPv4-mapped IPv6 address as the IPv4 address it is', async () => {
    // The URL parser writes [::ffff:127.0.0.1] in hex; the message names the IPv4 address either way.
    expect((await refusal(guard, 'http://[::ffff:127.0.0.1]/')).message).toContain('(127.0.0.1)');
    expect((await refusal(guard, 'http://[::ffff:10.0.0.5]:81/')).message).toContain('(10.0.0.5)');
    expect(guard.refusal('::ffff:a9fe:a9fe')).toBe('a loopback, private or link-local address (169.254.169.254)');
    await expect(guard.check('http://[::ffff:93.184.216.34]/', 'x')).resolves.toBeInstanceOf(URL);
    expect(guard.refusal('::ffff:127.0.0.1')).toBe('a loopback, private or link-local address (127.0.0.1)');
    expect(guard.refusal('::FFFF:192.168.0.1')).toBe('a loopback, private or link-local address (192.168.0.1)');
    expect(guard.refusal('::ffff:8.8.8.8')).toBeUndefined();
    const names = new UrlGuard({ resolve: table({ 'mapped.example': ['::ffff:127.0.0.1'] }).resolve });
    expect((await refusal(names, 'http://mapped.example/')).message).toContain('(127.0.0.1)');
  });

  it('lets the neighbours of the private ranges through', async () => {
    for (const url of ['http://172.32.0.1/', 'http://11.0.0.1/', 'http://192.169.0.1/', 'http://100.128.0.1/', 'http://[2001:db8::1]/']) {
      await expect(guard.check(url, 'x')).resolves.toBeInstanceOf(URL);
    }
  });

  it('resolves a name first and refuses it when any of its addresses is internal', async () => {
    const names = table({ 'public.example': ['93.184.216.34'], 'mixed.example': ['93.184.216.34', '10.0.0.7'], 'v6.example': ['::1'] });
    const resolving = new UrlGuard({ resolve: names.resolve });
    await expect(resolving.check('https://public.example/', 'x')).resolves.toBeInstanceOf(URL);
    expect((await refusal(resolving, 'https://mixed.example/')).message).toContain('mixed.example is a loopback, private or link-local address (10.0.0.7)');
    expect((await refusal(resolving, 'https://v6.example/')).message).toContain('(::1)');
    expect((await refusal(resolving, 'https://nowhere.example/')).message).toContain('cannot resolve nowhere.example (ENOTFOUND)');
    expect(names.lookups).toEqual(['public.example', 'mixed.example', 'v6.example', 'nowhere.example']);
  });
});

describe('UrlGuard with AGENT_ALLOWED_HOSTS', () => {
  it('allows exactly the listed addresses and CIDR ranges, IPv4 and IPv6', async () => {
    const guard = new UrlGuard({ allowedHosts: ['127.0.0.1', '10.0.0.0/8', 'fd00::/8'], resolve: table({}).resolve });
    for (const url of ['http://127.0.0.1:4000/', 'http://10.200.3.4/', 'http://[fd12::9]/', 'http://[::ffff:10.9.9.9]/']) {
      await expect(guard.check(url, 'x')).resolves.toBeInstanceOf(URL);
    }
    for (const url of ['http://127.0.0.2/', 'http://192.168.0.1/', 'http://[fe80::1]/', 'http://[::1]/']) await refusal(guard, url);
  });

  it('trusts a listed host name without resolving it, whatever its case', async () => {
    const names = table({ 'agents.internal': ['10.1.1.1'] });
    const guard = new UrlGuard({ allowedHosts: ['Agents.Internal'], resolve: names.resolve });
    await expect(guard.check('http://agents.INTERNAL:8080/card.json', 'x')).resolves.toBeInstanceOf(URL);
    expect(names.lookups).toEqual([]);
    expect(guard.allowsName('AGENTS.internal')).toBe(true);
    await refusal(new UrlGuard({ allowedHosts: ['other.internal'], resolve: names.resolve }), 'http://agents.internal/');
  });

  it('is read from the environment', async () => {
    const guard = UrlGuard.fromEnv({ AGENT_ALLOWED_HOSTS: '192.168.0.0/16, localhost' });
    await expect(guard.check('http://192.168.4.4/', 'x')).resolves.toBeInstanceOf(URL);
    expect(guard.allowsName('localhost')).toBe(true);
    expect(() => UrlGuard.fromEnv({ AGENT_ALLOWED_HOSTS: '10.0.0.0/40' })).toThrow('AGENT_ALLOWED_HOSTS: "10.0.0.0/40" is not a host name, an IP address or a CIDR range');
  });
});

describe('UrlGuard.lookup (the socket-time check)', () => {
  type Answer = { error: Error | null; address: string | LookupAddress[]; family?: number };
  const lookup = (guard: UrlGuard, hostname: string, options: object): Promise<Answer> =>
    new Promise((resolve) => guard.lookup()(hostname, options, (error, address, family) => resolve({ error, address, family })));

  it('hands the socket only trusted addresses, one or all', async () => {
    const guard = new UrlGuard({ resolve: table({ 'mixed.example': ['10.0.0.1', '93.184.216.34', '2001:db8::5'] }).resolve });
    expect(await lookup(guard, 'mixed.example', {})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await lookup(guard, 'mixed.example', { all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2001:db8::5', family: 6 },
      ],
      family: undefined,
    });
  });

  it('fails with UNTRUSTED_URL when every address is internal, and passes a listed name through', async () => {
    const names = table({ 'rebound.example': ['127.0.0.1'] });
    const refused = await lookup(new UrlGuard({ resolve: names.resolve }), 'rebound.example', {});
    expect(refused.error).toBeInstanceOf(UntrustedUrlError);
    expect(refused.error?.message).toContain('rebound.example resolves to a loopback, private or link-local address (127.0.0.1)');
    const allowed = await lookup(new UrlGuard({ allowedHosts: ['rebound.example'], resolve: names.resolve }), 'rebound.example', {});
    expect(allowed).toEqual({ error: null, address: '127.0.0.1', family: 4 });
  });

  it('passes a resolver failure on as it is', async () => {
    const failed = await lookup(new UrlGuard({ resolve: table({}).resolve }), 'nowhere.example', {});
    expect(failed.error?.message).toBe('getaddrinfo ENOTFOUND nowhere.example');
  });
});

describe('parseAllowedHosts', () => {
  it('reads comma-separated names, addresses and ranges, ignoring blanks', () => {
    expect(parseAllowedHosts(undefined)).toEqual([]);
    expect(parseAllowedHosts('  ')).toEqual([]);
    expect(parseAllowedHosts(' ollama.local, 10.0.0.0/8,,::1 , fd00::/8, 127.0.0.1 ')).toEqual(['ollama.local', '10.0.0.0/8', '::1', 'fd00::/8', '127.0.0.1']);
  });

  it.each([
    ['http://ollama.local', 'http://ollama.local'],
    ['bad host', 'bad host'],
    ['10.0.0.0/33', '10.0.0.0/33'],
    ['fd00::/129', 'fd00::/129'],
    ['example.com/8', 'example.com/8'],
    ['-leading.example', '-leading.example'],
  ])('refuses %j, naming it', (raw, entry) => {
    expect(() => parseAllowedHosts(`ok.example,${raw}`)).toThrow(`AGENT_ALLOWED_HOSTS: ${JSON.stringify(entry)} is not a host name, an IP address or a CIDR range`);
  });
});
