import { Controller, Inject } from '@nestjs/common';
import { GrpcMethod, RpcException } from '@nestjs/microservices';
import { status, type Metadata } from '@grpc/grpc-js';
import type { Observable } from 'rxjs';
import { traceHeaderNames, type TraceCarrier } from '@a2a-mcp/observability';
import { WIRE_HEADERS } from '../wire/attempt-request';
import type {
  AgentCardsMessage,
  AnswerInputReplyMessage,
  AnswerInputRequestMessage,
  AttemptFrameMessage,
  ExecuteRequestMessage,
  GetCardRequestMessage,
  HealthReplyMessage,
} from './agent-proto';
import { GrpcAgentService } from './grpc-agent.service';

/** The Nest face of AgentService (proto/agent.proto); the work is in GrpcAgentService. */
@Controller()
export class GrpcAgentController {
  constructor(@Inject(GrpcAgentService) private readonly service: GrpcAgentService) {}

  @GrpcMethod('AgentService', 'Execute')
  execute(request: ExecuteRequestMessage, metadata?: Metadata): Observable<AttemptFrameMessage> {
    const fromMetadata = metadata?.get(WIRE_HEADERS.idempotencyKey)[0];
    return this.service.execute(request, typeof fromMetadata === 'string' ? fromMetadata : undefined, metadata === undefined ? {} : traceMetadataOf(metadata));
  }

  @GrpcMethod('AgentService', 'AnswerInput')
  answerInput(request: AnswerInputRequestMessage): AnswerInputReplyMessage {
    try {
      return this.service.answerInput(request);
    } catch (error) {
      throw new RpcException({ code: status.INVALID_ARGUMENT, message: (error as Error).message });
    }
  }

  @GrpcMethod('AgentService', 'GetCard')
  getCard(request: GetCardRequestMessage): AgentCardsMessage {
    return this.service.getCards(request);
  }

  @GrpcMethod('AgentService', 'Health')
  health(): HealthReplyMessage {
    return this.service.health();
  }
}

/** The trace headers the propagator reads (none when tracing is off), from the call's metadata. */
function traceMetadataOf(metadata: Metadata): TraceCarrier {
  const carrier: Record<string, string> = {};
  for (const name of traceHeaderNames()) {
    const value = metadata.get(name)[0];
    if (typeof value === 'string') carrier[name] = value;
  }
  return carrier;
}
