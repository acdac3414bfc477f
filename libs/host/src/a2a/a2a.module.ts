import { Module } from '@nestjs/common';

/** The host as an A2A agent: its agent card and the JSON-RPC endpoint (message/send, message/stream, tasks/*). */
@Module({})
export class A2aModule {}
