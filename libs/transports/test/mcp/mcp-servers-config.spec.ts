import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { McpServersConfigError, parseMcpServersConfig, readMcpServersConfigFile } from '../../src';

describe('MCP_SERVERS files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'a2a-mcp-mcp-servers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads stdio and Streamable HTTP servers from JSON and YAML alike', () => {
    const servers = [
      { name: 'text_tools', command: 'node', args: ['server.js', '--quiet'], env: { LOG_LEVEL: 'debug' }, cwd: '/srv/tools' },
      { name: 'search', url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer x' } },
      { name: 'bare', command: 'mcp-bare' },
    ];
    const json = file('servers.json', JSON.stringify({ servers }));
    const yaml = file(
      'servers.yaml',
      [
        'servers:',
        '  - name: text_tools',
        '    command: node',
        '    args: [server.js, --quiet]',
        '    env: { LOG_LEVEL: debug }',
        '    cwd: /srv/tools',
        '  - { name: search, url: "https://mcp.example.com/mcp", headers: { Authorization: Bearer x } }',
        '  - { name: bare, command: mcp-bare }',
        '',
      ].join('\n'),
    );
    expect(readMcpServersConfigFile(json)).toEqual({ file: json, servers });
    expect(readMcpServersConfigFile(yaml)).toEqual({ file: yaml, servers });
  });

  it('reads the committed example config', () => {
    const example = resolve(__dirname, '../../../../examples/mcp-servers.json');
    expect(readMcpServersConfigFile(example).servers).toEqual([{ name: 'text_tools', command: 'node', args: ['examples/mcp-server/text-tools-server.js'] }]);
  });

  it.each([
    ['bad.json', '{ servers: [', /is not valid JSON/],
    ['bad.yaml', 'servers: [\n', /is not valid YAML/],
    ['list.yaml', '- a\n', /the document must be an object with a "servers" list/],
    ['extra.yaml', 'servers: []\nmcpServers: {}\n', /unknown field "mcpServers" \(allowed: servers\)/],
    ['scalar.yaml', 'servers: 3\n', /servers must be a list/],
    ['item.yaml', 'servers: [3]\n', /servers\[0\] must be an object with a name and either a command \(stdio\) or a url \(Streamable HTTP\)/],
    ['noname.yaml', 'servers: [{ command: node }]\n', /servers\[0\]\.name must be a non-empty string/],
    ['badname.yaml', 'servers: [{ name: "text tools", command: node }]\n', /servers\[0\]\.name "text tools" is not an agent name: a letter, then up to 63 letters, digits/],
    ['digitname.yaml', 'servers: [{ name: "1tools", command: node }]\n', /servers\[0\]\.name "1tools" is not an agent name/],
    ['twice.yaml', 'servers: [{ name: a, command: x }, { name: b, command: y }, { name: a, url: "http://h" }]\n', /servers\[2\]\.name: "a" is used by an earlier server/],
    ['neither.yaml', 'servers: [{ name: a }]\n', /servers\[0\]: command \(a stdio server\) or url \(a Streamable HTTP server\) is required \(server "a"\)/],
    ['both.yaml', 'servers: [{ name: a, command: x, url: "http://h" }]\n', /servers\[0\]: give either command or url, not both \(server "a"\)/],
    ['command.yaml', 'servers: [{ name: a, command: "" }]\n', /servers\[0\]\.command must be a non-empty string \(server "a"\)/],
    ['args.yaml', 'servers: [{ name: a, command: x, args: "--quiet" }]\n', /servers\[0\]\.args must be a list of strings \(server "a"\)/],
    ['arg.yaml', 'servers: [{ name: a, command: x, args: [ok, 3] }]\n', /servers\[0\]\.args\[1\] must be a string, got 3 \(server "a"\)/],
    ['env.yaml', 'servers: [{ name: a, command: x, env: [A] }]\n', /servers\[0\]\.env must be an object of strings \(server "a"\)/],
    ['envvalue.yaml', 'servers: [{ name: a, command: x, env: { PORT: 8080 } }]\n', /servers\[0\]\.env\.PORT must be a string, got 8080 \(quote it\) \(server "a"\)/],
    ['cwd.yaml', 'servers: [{ name: a, command: x, cwd: " " }]\n', /servers\[0\]\.cwd must be a non-empty string \(server "a"\)/],
    ['stdiofield.yaml', 'servers: [{ name: a, command: x, headers: {} }]\n', /servers\[0\]: unknown field "headers" for a stdio server \(allowed: name, command, args, env, cwd\) \(server "a"\)/],
    ['httpfield.yaml', 'servers: [{ name: a, url: "http://h", env: {} }]\n', /servers\[0\]: unknown field "env" for a Streamable HTTP server \(allowed: name, url, headers\) \(server "a"\)/],
    ['url.yaml', 'servers: [{ name: a, url: "not a url" }]\n', /servers\[0\]\.url is not a URL: "not a url" \(server "a"\)/],
    ['scheme.yaml', 'servers: [{ name: a, url: "file:///etc/passwd" }]\n', /servers\[0\]\.url must be http or https, got "file:\/\/\/etc\/passwd" \(server "a"\)/],
    ['emptyurl.yaml', 'servers: [{ name: a, url: "" }]\n', /servers\[0\]\.url must be a non-empty string \(server "a"\)/],
    ['headers.yaml', 'servers: [{ name: a, url: "http://h", headers: "x" }]\n', /servers\[0\]\.headers must be an object of strings \(server "a"\)/],
    ['header.yaml', 'servers: [{ name: a, url: "http://h", headers: { X-Retries: 3 } }]\n', /servers\[0\]\.headers\.X-Retries must be a string, got 3/],
  ])('%s: a clear error naming the file, the entry and the field', (name, text, message) => {
    const path = file(name, text);
    let error: unknown;
    try {
      readMcpServersConfigFile(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(McpServersConfigError);
    expect((error as McpServersConfigError).code).toBe('INVALID_MCP_SERVERS');
    expect((error as McpServersConfigError).message.startsWith(`${path}: `)).toBe(true);
    expect((error as McpServersConfigError).message).toMatch(message);
  });

  it('names a file it cannot read', () => {
    const missing = join(dir, 'missing.yaml');
    expect(() => readMcpServersConfigFile(missing)).toThrow(`${missing}: cannot be read (ENOENT)`);
  });

  it('checks a decoded document under the name it is given', () => {
    expect(() => parseMcpServersConfig({ servers: [{ name: 'a' }] }, 'MCP_SERVERS')).toThrow('MCP_SERVERS: servers[0]: command (a stdio server) or url');
    expect(parseMcpServersConfig({ servers: [] }, 'MCP_SERVERS')).toEqual({ file: 'MCP_SERVERS', servers: [] });
  });
});
