import { Module } from '@nestjs/common';
import { McpHttpController } from './http/mcp-http.controller';
import { McpSessions } from './http/mcp-sessions.service';
import { McpServerFactory } from './mcp-server.factory';

/**
 * The host as an MCP server: Streamable HTTP at /mcp (a session per client); `McpServerFactory` builds
 * the same tools and resources for `a2a-mcp mcp` over stdio (see serveMcpOverStdio).
 */
@Module({
  controllers: [McpHttpController],
  providers: [McpServerFactory, McpSessions],
  exports: [McpServerFactory],
})
export class McpModule {}
