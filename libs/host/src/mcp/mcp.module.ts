import { Module } from '@nestjs/common';

/** The host as an MCP server: Streamable HTTP at /mcp; the same tools serve `a2a-mcp mcp` over stdio. */
@Module({})
export class McpModule {}
