import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { AgentCard } from '@a2a-js/sdk';
import { DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk/server';
import { UserBuilder, agentCardHandler, jsonRpcHandler } from '@a2a-js/sdk/server/express';
import { CurrencyAgentExecutor } from './currency-agent.executor';
import { CURRENCIES } from './currency-rates';

/**
 * The URI under which an a2a-mcp host reads planning metadata for skills (what each skill consumes and
 * produces, how long it takes): A2A 1.0 skills have no metadata field, so it travels as a card extension.
 */
const SKILL_PLANNING_EXTENSION_URI = 'urn:a2a-mcp:skill-planning:v1';

/** The A2A 1.0 card, served at /.well-known/agent-card.json; `url` is where the JSON-RPC endpoint is reached. */
export function currencyAgentCard(url: string): AgentCard {
  return AgentCard.fromJSON({
    name: 'Currency Converter',
    description: `Converts amounts between ${CURRENCIES.join(', ')} at fixed rates.`,
    version: '1.0.0',
    supportedInterfaces: [{ url: `${url}/a2a/jsonrpc`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    capabilities: {
      streaming: true,
      extensions: [
        {
          uri: SKILL_PLANNING_EXTENSION_URI,
          description: 'planning metadata for an a2a-mcp host',
          required: false,
          params: { skills: { convert_currency: { consumes: ['amount'], produces: ['converted_amount'], expectedDurationMs: 20 } } },
        },
      ],
    },
    defaultInputModes: ['text/plain', 'application/json'],
    defaultOutputModes: ['application/json', 'text/plain'],
    skills: [
      {
        id: 'convert_currency',
        name: 'Convert currency',
        description: 'Converts an amount from one currency to another; asks for the target currency when it is missing.',
        tags: ['currency', 'convert', 'exchange', 'money', 'fx'],
        examples: ['convert 100 USD to EUR', 'how much is 250 GBP in JPY'],
      },
    ],
  });
}

export interface CurrencyAgentServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The URL callers use, when it is not http(s)://host:port (a proxy in front). */
  publicUrl?: string;
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export interface RunningCurrencyAgent {
  /** The base URL; the card is at `${url}/.well-known/agent-card.json`. */
  url: string;
  close(): Promise<void>;
}

/** Starts the agent: Express with the SDK's card handler and JSON-RPC handler over a DefaultRequestHandler, over HTTP or HTTPS. */
export async function startCurrencyAgent(options: CurrencyAgentServerOptions): Promise<RunningCurrencyAgent> {
  const host = options.host ?? '127.0.0.1';
  const app = express();
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, app) : createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  // The card names the URL, so the handlers are mounted once the port is known.
  const port = (server.address() as AddressInfo).port;
  const scheme = options.tls ? 'https' : 'http';
  const url = (options.publicUrl ?? `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/$/, '');
  const requestHandler = new DefaultRequestHandler(currencyAgentCard(url), new InMemoryTaskStore(), new CurrencyAgentExecutor());
  app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: requestHandler }));
  app.use('/a2a/jsonrpc', jsonRpcHandler({ requestHandler, userBuilder: UserBuilder.noAuthentication }));
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
