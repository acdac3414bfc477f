import { Module, type DynamicModule } from '@nestjs/common';
import { GrpcAgentController } from './grpc-agent.controller';
import { GrpcAgentService, type GrpcAgentServiceOptions } from './grpc-agent.service';

/**
 * Serves agents over gRPC inside a Nest application: import `GrpcAgentsModule.forAgents(...)` and
 * attach a gRPC microservice (grpcAgentMicroserviceOptions or a GrpcAgentTransport strategy).
 */
@Module({})
export class GrpcAgentsModule {
  static forAgents(options: GrpcAgentServiceOptions): DynamicModule {
    return {
      module: GrpcAgentsModule,
      controllers: [GrpcAgentController],
      providers: [{ provide: GrpcAgentService, useValue: new GrpcAgentService(options) }],
      exports: [GrpcAgentService],
    };
  }
}
