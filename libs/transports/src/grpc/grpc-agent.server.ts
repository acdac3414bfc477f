import { NestFactory } from '@nestjs/core';
import { ServerGrpc, Transport, type GrpcOptions } from '@nestjs/microservices';
import { Server } from '@grpc/grpc-js';
import { AGENT_PROTO_LOADER_OPTIONS, AGENT_PROTO_PACKAGE, AGENT_PROTO_PATH } from './agent-proto';
import { GrpcAgentsModule } from './grpc-agents.module';
import { GrpcAgentService, type GrpcAgentServiceOptions } from './grpc-agent.service';
import { grpcServerCredentials, type GrpcTlsFiles } from './grpc-tls';

export interface GrpcAgentEndpointOptions {
  /** host:port to listen on; port 0 picks a free one (read it back from GrpcAgentTransport.port). */
  url: string;
  /** Largest message accepted or sent (AGENT_MAX_PAYLOAD_BYTES); default: grpc-js's 4 MiB. */
  maxPayloadBytes?: number;
  /**
   * GRPC_TLS_*: serve TLS with GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE; with GRPC_TLS_CA_FILE too, only
   * clients presenting a certificate that CA signed get in (mutual TLS). Default: plaintext.
   */
  tls?: GrpcTlsFiles;
}

/** Options for Nest's gRPC transport serving proto/agent.proto (for `connectMicroservice`). */
export function grpcAgentMicroserviceOptions(endpoint: GrpcAgentEndpointOptions): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      package: AGENT_PROTO_PACKAGE,
      protoPath: AGENT_PROTO_PATH,
      url: endpoint.url,
      loader: AGENT_PROTO_LOADER_OPTIONS,
      maxReceiveMessageLength: endpoint.maxPayloadBytes,
      maxSendMessageLength: endpoint.maxPayloadBytes,
      ...(endpoint.tls === undefined ? {} : { credentials: grpcServerCredentials(endpoint.tls) }),
    },
  };
}

/**
 * Nest's gRPC server, except that it remembers the port it bound: Nest binds inside createClient and
 * drops the port, so a replica listening on port 0 (tests, several replicas on one host) could not
 * say where it is. Use as `{ strategy: new GrpcAgentTransport({ url }) }`.
 */
export class GrpcAgentTransport extends ServerGrpc {
  private boundPort: number | undefined;

  constructor(private readonly endpoint: GrpcAgentEndpointOptions) {
    // Without the TLS files: createClient below reads them when it binds.
    super(grpcAgentMicroserviceOptions({ url: endpoint.url, maxPayloadBytes: endpoint.maxPayloadBytes }).options);
  }

  /** The port bound; throws before listen() has bound one. */
  get port(): number {
    if (this.boundPort === undefined) throw new Error(`the gRPC agent server for ${this.endpoint.url} is not listening yet`);
    return this.boundPort;
  }

  override async createClient(): Promise<Server> {
    const limits =
      this.endpoint.maxPayloadBytes === undefined
        ? {}
        : { 'grpc.max_receive_message_length': this.endpoint.maxPayloadBytes, 'grpc.max_send_message_length': this.endpoint.maxPayloadBytes };
    const server = new Server(limits);
    // Read here, at listen: a restarted replica serves a renewed certificate.
    const credentials = grpcServerCredentials(this.endpoint.tls);
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(this.url, credentials, (error, port) => (error ? reject(error) : resolve(port)));
    });
    return server;
  }
}

export interface StartGrpcAgentServerOptions extends GrpcAgentServiceOptions, GrpcAgentEndpointOptions {}

export interface RunningGrpcAgentServer {
  port: number;
  /** host:port clients dial (the url's host with the bound port). */
  address: string;
  service: GrpcAgentService;
  /** Stops at once: calls in flight are cancelled (their attempts aborted), like a replica that dies. */
  close(): Promise<void>;
}

/** A standalone Nest gRPC microservice serving the given agents. */
export async function startGrpcAgentServer(options: StartGrpcAgentServerOptions): Promise<RunningGrpcAgentServer> {
  const { url, maxPayloadBytes, tls, ...serviceOptions } = options;
  const transport = new GrpcAgentTransport({ url, maxPayloadBytes, tls });
  const app = await NestFactory.createMicroservice(GrpcAgentsModule.forAgents(serviceOptions), { strategy: transport, logger: false });
  try {
    await app.listen();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw new Error(`the gRPC agent server could not listen on ${url}: ${(error as Error).message}`);
  }
  const host = url.slice(0, url.lastIndexOf(':'));
  return {
    port: transport.port,
    address: `${host}:${transport.port}`,
    service: app.get(GrpcAgentService),
    close: () => app.close(),
  };
}
