import { Controller, Delete, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../../auth/access.decorator';
import { McpSessions } from './mcp-sessions.service';

export const MCP_PATH = 'mcp';

/**
 * The host as an MCP server over Streamable HTTP (MCP 2025-03-26 and later): one endpoint, three verbs.
 * Any authenticated caller may open a session; each tool checks the scope it needs.
 */
// Documented whole with the other protocol endpoints (openapi/protocol-paths.ts): its answers are JSON-RPC.
@ApiExcludeController()
@Access('authenticated')
@Controller(MCP_PATH)
export class McpHttpController {
  constructor(private readonly sessions: McpSessions) {}

  @Post()
  async post(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.handle(req, res);
  }

  @Get()
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.handle(req, res);
  }

  @Delete()
  async close(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.handle(req, res);
  }
}
