import { readFileSync } from 'node:fs';
import { ChannelCredentials, ServerCredentials, credentials, type ChannelOptions } from '@grpc/grpc-js';
import { readTlsFiles, type ReportProblem, type TlsFiles } from '../security/tls-files';
import { TransportSettingsError } from '../transport-settings-error';

/**
 * GRPC_TLS_*: on a replica, its certificate and key (and with GRPC_TLS_CA_FILE, the CA its clients'
 * certificates must chain to: mutual TLS); on the host, the CA to trust (and its own certificate
 * and key for mutual TLS). Absent: plaintext.
 */
export interface GrpcTlsFiles extends TlsFiles {
  /** GRPC_TLS_SERVER_NAME: the name the replicas' certificates carry, when the host dials them by another (an IP address). */
  serverName?: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Reads GRPC_TLS_CA_FILE, GRPC_TLS_CERT_FILE, GRPC_TLS_KEY_FILE and GRPC_TLS_SERVER_NAME; undefined when none is set. */
export function readGrpcTls(env: Environment, report: ReportProblem): GrpcTlsFiles | undefined {
  const files: GrpcTlsFiles | undefined = readTlsFiles(env, { ca: 'GRPC_TLS_CA_FILE', cert: 'GRPC_TLS_CERT_FILE', key: 'GRPC_TLS_KEY_FILE' }, report);
  const serverName = env.GRPC_TLS_SERVER_NAME?.trim();
  if (serverName === undefined || serverName === '') return files;
  if (files === undefined) {
    report('GRPC_TLS_SERVER_NAME', serverName, 'only with TLS (GRPC_TLS_CA_FILE, or GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE)');
    return undefined;
  }
  if (!HOST_NAME.test(serverName)) report('GRPC_TLS_SERVER_NAME', serverName.slice(0, 80), 'a host name as the certificates carry it, e.g. agents.internal');
  return { ...files, serverName };
}

/**
 * A replica's server credentials: plaintext without `tls`; TLS with its certificate and key; and
 * with a CA, clients must present a certificate that CA signed (mutual TLS).
 * Throws TransportSettingsError when `tls` has no certificate and key (a CA alone cannot serve TLS).
 */
export function grpcServerCredentials(tls: GrpcTlsFiles | undefined): ServerCredentials {
  if (tls === undefined) return ServerCredentials.createInsecure();
  if (tls.certFile === undefined || tls.keyFile === undefined) {
    throw new TransportSettingsError([
      {
        variable: 'GRPC_TLS_CERT_FILE',
        value: '',
        expected: 'set with GRPC_TLS_KEY_FILE on a replica that serves gRPC with TLS (GRPC_TLS_CA_FILE alone only tells clients which CA to trust)',
      },
    ]);
  }
  const ca = tls.caFile === undefined ? null : readFileSync(tls.caFile);
  return ServerCredentials.createSsl(ca, [{ cert_chain: readFileSync(tls.certFile), private_key: readFileSync(tls.keyFile) }], ca !== null);
}

/** A client's channel credentials and the options that go with them (the server name override). */
export interface GrpcChannelSecurity {
  credentials: ChannelCredentials;
  options: ChannelOptions;
}

/**
 * The host's side: plaintext without `tls`; otherwise TLS trusting GRPC_TLS_CA_FILE (else the system's
 * CAs), presenting GRPC_TLS_CERT_FILE/GRPC_TLS_KEY_FILE when set (mutual TLS), and checking the
 * replicas' certificates against GRPC_TLS_SERVER_NAME when set. Reads the files once, when called.
 */
export function grpcChannelSecurity(tls: GrpcTlsFiles | undefined): GrpcChannelSecurity {
  if (tls === undefined) return { credentials: credentials.createInsecure(), options: {} };
  const read = (file: string | undefined): Buffer | null => (file === undefined ? null : readFileSync(file));
  const options: ChannelOptions = {};
  if (tls.serverName !== undefined) {
    options['grpc.ssl_target_name_override'] = tls.serverName;
    options['grpc.default_authority'] = tls.serverName;
  }
  return { credentials: credentials.createSsl(read(tls.caFile), read(tls.keyFile), read(tls.certFile)), options };
}

/**
 * What to check when a call failed before the channel connected, read from grpc-js's error details
 * (it reports a failed handshake only as UNAVAILABLE with the TLS library's words). `secure`: the
 * client used TLS. Undefined when the details say nothing about TLS.
 */
export function grpcTlsHint(details: string, secure: boolean): string | undefined {
  if (/ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT/.test(details)) return undefined;
  // grpc-js's words for a TLS replica that closed a plaintext connection.
  if (!secure) return /Failed to connect/i.test(details) ? 'if the replica serves TLS, give the host GRPC_TLS_CA_FILE' : undefined;
  if (/certificate required|alert (bad|unknown) certificate/i.test(details)) {
    return 'TLS: the replica asks for a client certificate (mutual TLS); set GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE to one its CA signed';
  }
  if (/ALTNAME|does not match certificate/i.test(details)) return "TLS: the replica's certificate is for another name; set GRPC_TLS_SERVER_NAME to the name it carries";
  if (/verify|self[- ]signed|CERT_|certificate/i.test(details)) return "TLS: the replica's certificate is not trusted; GRPC_TLS_CA_FILE must name the CA that signed it";
  if (/wrong version number|SSL routines|EPROTO/i.test(details)) return 'TLS handshake failed: does the replica serve TLS (GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE on the replica)?';
  if (/Failed to connect/i.test(details)) return 'the replica closed the connection in the TLS handshake; with mutual TLS it accepts only client certificates its GRPC_TLS_CA_FILE signed';
  return undefined;
}
