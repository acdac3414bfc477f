import {
  credentials,
  loadPackageDefinition,
  type CallOptions,
  type ChannelCredentials,
  type ChannelOptions,
  type Client,
  type ClientReadableStream,
  type ClientUnaryCall,
  type Metadata,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import type {
  AgentCardsMessage,
  AnswerInputReplyMessage,
  AnswerInputRequestMessage,
  AttemptFrameMessage,
  ExecuteRequestMessage,
  GetCardRequestMessage,
  HealthReplyMessage,
  HealthRequestMessage,
} from './agent-proto';
import { AGENT_PROTO_LOADER_OPTIONS, AGENT_PROTO_PACKAGE, AGENT_PROTO_PATH, AGENT_SERVICE_NAME } from './agent-proto';

type Unary<Req, Res> = (request: Req, metadata: Metadata, options: CallOptions, callback: (error: ServiceError | null, reply?: Res) => void) => ClientUnaryCall;

/** The generated AgentService stub, typed by hand after proto/agent.proto. */
export interface AgentServiceClient extends Client {
  Execute(request: ExecuteRequestMessage, metadata: Metadata, options?: CallOptions): ClientReadableStream<AttemptFrameMessage>;
  AnswerInput: Unary<AnswerInputRequestMessage, AnswerInputReplyMessage>;
  GetCard: Unary<GetCardRequestMessage, AgentCardsMessage>;
  Health: Unary<HealthRequestMessage, HealthReplyMessage>;
}

type AgentServiceClientConstructor = new (address: string, creds: ChannelCredentials, options: ChannelOptions) => AgentServiceClient;

let constructorCache: AgentServiceClientConstructor | undefined;

function agentServiceClientConstructor(): AgentServiceClientConstructor {
  if (constructorCache === undefined) {
    const definition = loadPackageDefinition(loadSync(AGENT_PROTO_PATH, AGENT_PROTO_LOADER_OPTIONS));
    let node: unknown = definition;
    for (const part of [...AGENT_PROTO_PACKAGE.split('.'), AGENT_SERVICE_NAME]) node = (node as Record<string, unknown>)[part];
    if (typeof node !== 'function') throw new Error(`${AGENT_PROTO_PATH} defines no ${AGENT_PROTO_PACKAGE}.${AGENT_SERVICE_NAME}`);
    constructorCache = node as AgentServiceClientConstructor;
  }
  return constructorCache;
}

/** TLS for the channels (see grpcChannelSecurity); default plaintext. */
export interface AgentChannelSecurity {
  credentials: ChannelCredentials;
  options: ChannelOptions;
}

/**
 * One client with a channel of its own: grpc-js shares connections between clients of the same target
 * through a global subchannel pool, so without a local pool a "pool" of clients would be one connection.
 */
export function createAgentServiceClient(address: string, maxPayloadBytes?: number, security?: AgentChannelSecurity): AgentServiceClient {
  const Constructor = agentServiceClientConstructor();
  const options: ChannelOptions = { ...security?.options, 'grpc.use_local_subchannel_pool': 1 };
  if (maxPayloadBytes !== undefined) {
    options['grpc.max_receive_message_length'] = maxPayloadBytes;
    options['grpc.max_send_message_length'] = maxPayloadBytes;
  }
  return new Constructor(address, security?.credentials ?? credentials.createInsecure(), options);
}
