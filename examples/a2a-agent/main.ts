// A standalone A2A agent: `node examples/a2a-agent/dist/main.js --port 4100 [--host 127.0.0.1] [--public-url URL]
// [--tls-key key.pem --tls-cert cert.pem]` (built by `npx nx run example-a2a-agent:build`). With a key and
// certificate it serves HTTPS. It prints its URL; give that URL to a host in AGENTS_CONFIG.
import { readFileSync } from 'node:fs';
import { startCurrencyAgent } from './currency-agent.server';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const portText = option('port') ?? process.env.PORT ?? '4100';
const port = Number(portText);
if (!/^\d+$/.test(portText) || port > 65_535) {
  console.error(`a2a-agent: --port must be an integer from 0 to 65535, got ${JSON.stringify(portText)}`);
  process.exit(2);
}

const tlsKey = option('tls-key');
const tlsCert = option('tls-cert');
if ((tlsKey === undefined) !== (tlsCert === undefined)) {
  console.error('a2a-agent: --tls-key and --tls-cert go together (PEM files); give both for HTTPS or neither for HTTP');
  process.exit(2);
}

function readPem(flag: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    console.error(`a2a-agent: cannot read ${flag} ${file}: ${(error as Error).message}`);
    process.exit(2);
  }
}

const tls = tlsKey !== undefined && tlsCert !== undefined ? { key: readPem('--tls-key', tlsKey), cert: readPem('--tls-cert', tlsCert) } : undefined;

startCurrencyAgent({ port, host: option('host'), publicUrl: option('public-url'), tls }).then(
  (agent) => {
    console.log(`currency_converter A2A agent at ${agent.url} (card: ${agent.url}/.well-known/agent-card.json)`);
    const stop = (): void => void agent.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: Error) => {
    console.error(`a2a-agent: ${error.message}`);
    process.exit(1);
  },
);
