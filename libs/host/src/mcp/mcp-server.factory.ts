import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AgentCatalog } from '@a2a-mcp/orchestration';
import { RunStartLimiter } from '../limits/run-start-limiter';
import { toolCaller } from './auth/mcp-caller';
import { registerAgentCardResources } from './resources/agent-card-resources';
import { registerAgentTools } from './tools/agent-tools';
import type { McpToolDeps } from './tools/mcp-tool-deps';
import { registerPlanTool } from './tools/plan-tool';
import { registerRunControlTools } from './tools/run-control-tools';
import { registerRunWorkflowTool } from './tools/run-workflow-tool';

export const MCP_SERVER_NAME = 'a2a-mcp';

const INSTRUCTIONS =
  'a2a-mcp orchestrates work across agents. find_agent names the agent for a task, list_agents shows them all ' +
  '(also the resources resource://agent_cards/list and resource://agent_cards/{name}). plan turns a request into ' +
  'a plan (a DAG of tasks); run_workflow runs a plan or a request and returns the result (with progress ' +
  'notifications). A paused task waits for answer_input; get_run shows a run, cancel_run stops one.';

export interface McpServerOptions {
  /**
   * An HTTP session's server (true): every call must carry its /mcp request's caller, whose tenant and
   * scopes apply. Over stdio (false, the default) the one client is the local user.
   */
  overHttp?: boolean;
}

/**
 * Builds the host's MCP server: the tools and resources over the host's command and query buses.
 * One McpServer serves one connection, so each Streamable HTTP session and the stdio transport get their own.
 */
@Injectable()
export class McpServerFactory {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly catalog: AgentCatalog,
    private readonly limiter: RunStartLimiter,
  ) {}

  create(options: McpServerOptions = {}): McpServer {
    const overHttp = options.overHttp === true;
    const deps: McpToolDeps = {
      commands: this.commands,
      queries: this.queries,
      catalog: this.catalog,
      limiter: this.limiter,
      callerOf: (extra, scope, what) => toolCaller(extra, scope, what, overHttp),
    };
    const server = new McpServer({ name: MCP_SERVER_NAME, title: 'a2a-mcp orchestrator', version: hostVersion() }, { instructions: INSTRUCTIONS });
    registerAgentTools(server, deps);
    registerPlanTool(server, deps);
    registerRunWorkflowTool(server, deps);
    registerRunControlTools(server, deps);
    registerAgentCardResources(server, deps);
    return server;
  }
}

let version: string | undefined;

/** The version of @a2a-mcp/host (its package.json sits two levels above both src/mcp and dist/mcp). */
function hostVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
