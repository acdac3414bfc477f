import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';

/** Long enough for a loaded 2-core machine; runs here take milliseconds. */
export const CALL_TIMEOUT_MS = 60_000;

/** The SDK's client over Streamable HTTP, connected to `<base>/mcp`. */
export async function connectHttpClient(base: string): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name: 'a2a-mcp-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${base}/mcp`));
  await client.connect(transport);
  return { client, transport };
}

export interface ToolCall {
  result: CallToolResult;
  /** The progress notifications of the call, in arrival order. */
  progress: Progress[];
}

/** Calls a tool with a progressToken (the SDK sets one when onprogress is given) and keeps its notifications. */
export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<ToolCall> {
  const progress: Progress[] = [];
  const result = (await client.callTool({ name, arguments: args }, undefined, {
    timeout: CALL_TIMEOUT_MS,
    resetTimeoutOnProgress: true,
    onprogress: (notification) => progress.push(notification),
  })) as CallToolResult;
  return { result, progress };
}

/** The first text block of a result. */
export function textOf(result: CallToolResult): string {
  const block = result.content.find((item) => item.type === 'text');
  return block?.type === 'text' ? block.text : '';
}

/** Progress values strictly increase and the messages come in task order. */
export function expectIncreasing(progress: readonly Progress[]): void {
  for (let i = 1; i < progress.length; i++) expect(progress[i].progress).toBeGreaterThan(progress[i - 1].progress);
}
