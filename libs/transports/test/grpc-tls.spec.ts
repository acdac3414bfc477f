import { TaskError } from '@a2a-mcp/core-graph';
import { createStandaloneContext, createTaskRequest } from '@a2a-mcp/core-graph/testing';
import { GrpcAgentClient, TransportSettingsError, grpcServerCredentials, type GrpcTlsFiles, type RunningGrpcAgentServer } from '../src';
import { HEARTBEAT_MS, MISSED_BEATS, executorOf, startReplica } from './support/grpc-fixtures';
import { hasOpenssl, makeTlsFixture, type TlsFixture } from './support/tls-fixtures';

if (!hasOpenssl()) throw new Error('these tests make their certificates with the openssl command line; install openssl');

const echo = executorOf(async (task) => ({ echoed: task.input }));

describe('gRPC with TLS (GRPC_TLS_*)', () => {
  let tls: TlsFixture;
  const servers: RunningGrpcAgentServer[] = [];
  const clients: GrpcAgentClient[] = [];

  beforeAll(() => {
    tls = makeTlsFixture();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const server of servers.splice(0)) await server.close();
  });
  afterAll(() => tls.remove());

  async function serve(serverTls: GrpcTlsFiles): Promise<RunningGrpcAgentServer> {
    const server = await startReplica({ executor: echo, tls: serverTls });
    servers.push(server);
    return server;
  }
  function clientWith(clientTls: GrpcTlsFiles | undefined): GrpcAgentClient {
    // Few heartbeats missed: a refused handshake ends the call with an error long before.
    const client = new GrpcAgentClient({ poolSize: 1, heartbeatMs: HEARTBEAT_MS, missedBeats: MISSED_BEATS, tls: clientTls, unaryTimeoutMs: 5000 });
    clients.push(client);
    return client;
  }
  async function attempt(client: GrpcAgentClient, address: string): Promise<unknown> {
    const { ctx } = createStandaloneContext({ runId: `tls-${Math.random().toString(36).slice(2, 8)}` });
    return client.executorFor('echo', address).execute(createTaskRequest({ runId: ctx.runId, agent: 'echo', input: { n: 7 } }), ctx);
  }

  it('a replica serving TLS and a host trusting its CA complete an attempt', async () => {
    const server = await serve({ certFile: tls.server.certFile, keyFile: tls.server.keyFile });
    await expect(attempt(clientWith({ caFile: tls.ca.certFile }), server.address)).resolves.toEqual({ echoed: { n: 7 } });
  });

  it('a host that does not trust the CA fails with a retryable transport error that says the certificate is not trusted', async () => {
    const server = await serve({ certFile: tls.server.certFile, keyFile: tls.server.keyFile });
    const error = await attempt(clientWith({ caFile: tls.otherCa.certFile }), server.address).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE', retryable: true });
    expect((error as Error).message).toContain(`over grpc at ${server.address}`);
    expect((error as Error).message).toMatch(/certificate is not trusted; GRPC_TLS_CA_FILE must name the CA/);
  });

  it('a plaintext host against a TLS replica fails with a transport error that points at GRPC_TLS_CA_FILE', async () => {
    const server = await serve({ certFile: tls.server.certFile, keyFile: tls.server.keyFile });
    const error = await attempt(clientWith(undefined), server.address).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE' });
    expect((error as Error).message).toContain('if the replica serves TLS, give the host GRPC_TLS_CA_FILE');
  });

  it('GRPC_TLS_SERVER_NAME checks a certificate issued for another name than the address dialled', async () => {
    const server = await serve({ certFile: tls.named.certFile, keyFile: tls.named.keyFile });
    await expect(attempt(clientWith({ caFile: tls.ca.certFile, serverName: 'agents.test' }), server.address)).resolves.toEqual({ echoed: { n: 7 } });
    const error = await attempt(clientWith({ caFile: tls.ca.certFile }), server.address).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/another name; set GRPC_TLS_SERVER_NAME/);
  });

  describe('mutual TLS (the replica has GRPC_TLS_CA_FILE)', () => {
    const mutual = (): Promise<RunningGrpcAgentServer> => serve({ caFile: tls.ca.certFile, certFile: tls.server.certFile, keyFile: tls.server.keyFile });

    it('a host presenting a certificate the CA signed gets in', async () => {
      const server = await mutual();
      const client = clientWith({ caFile: tls.ca.certFile, certFile: tls.client.certFile, keyFile: tls.client.keyFile });
      await expect(attempt(client, server.address)).resolves.toEqual({ echoed: { n: 7 } });
      await expect(client.health(server.address)).resolves.toMatchObject({ status: 'SERVING' });
    });

    it('a host without a certificate is refused', async () => {
      const server = await mutual();
      const error = await attempt(clientWith({ caFile: tls.ca.certFile }), server.address).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskError);
      expect(error).toMatchObject({ code: 'AGENT_UNAVAILABLE' });
      expect((error as Error).message).toMatch(/mutual TLS.*GRPC_TLS_CERT_FILE/);
    });

    it('a host whose certificate another CA signed is refused', async () => {
      const server = await mutual();
      const client = clientWith({ caFile: tls.ca.certFile, certFile: tls.otherClient.certFile, keyFile: tls.otherClient.keyFile });
      await expect(client.health(server.address)).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE', message: expect.stringMatching(/TLS handshake.*mutual TLS/) });
    });
  });

  it('a replica given only a CA cannot serve TLS: the error names GRPC_TLS_CERT_FILE', () => {
    const serveWithCaOnly = () => grpcServerCredentials({ caFile: tls.ca.certFile });
    expect(serveWithCaOnly).toThrow(TransportSettingsError);
    expect(serveWithCaOnly).toThrow(/GRPC_TLS_CERT_FILE.*GRPC_TLS_KEY_FILE/);
  });
});
