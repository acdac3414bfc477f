import { Controller, Delete, Get, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../../auth/access.decorator';
import { McpSessions } from './mcp-sessions.service';

export const MCP_PATH = 'mcp';

/**
 * The host as an MCP server over Streamable HTTP (MCP 2025-03-26 and later): one endpoint, three verbs.
 * Any authenticated caller may open a session; each tool checks the scope it needs.
 */
@ApiTags('mcp')
@Access('authenticated')
@Controller(MCP_PATH)
export class McpHttpController {
  constructor(private readonly sessions: McpSessions) {}

  @Post()
  @ApiOperation({
    summary: 'MCP JSON-RPC messages (Streamable HTTP)',
    description:
      'An initialize request without `mcp-session-id` opens a session (the response header names it); later requests send it. ' +
      'Answers are JSON or an event stream (progress notifications, then the result). Tools: find_agent, list_agents, plan, ' +
      'run_workflow, get_run, cancel_run, answer_input; resources resource://agent_cards/list and resource://agent_cards/{name}.',
  })
  async post(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.handle(req, res);
  }

  @Get()
  @ApiOperation({ summary: "A session's event stream for server messages (MCP Streamable HTTP)" })
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.handle(req, res);
  }

  @Delete()
  @ApiOperation({ summary: 'Close an MCP session (the one named in mcp-session-id)' })
  async close(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.handle(req, res);
  }
}
