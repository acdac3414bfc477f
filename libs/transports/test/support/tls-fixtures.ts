import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its key, as files. */
export interface CertificateFiles {
  certFile: string;
  keyFile: string;
}

export interface TlsFixture {
  dir: string;
  /** The test CA (CA:TRUE): trusted by the clients, and the CA client certificates must chain to. */
  ca: CertificateFiles;
  /** Signed by the CA, for IP 127.0.0.1 and localhost. */
  server: CertificateFiles;
  /** Signed by the CA, for the name agents.test only (dialled at 127.0.0.1 it needs GRPC_TLS_SERVER_NAME). */
  named: CertificateFiles;
  /** Signed by the CA: the host's certificate for mutual TLS. */
  client: CertificateFiles;
  /** Another CA nobody trusts, and a client certificate it signed. */
  otherCa: CertificateFiles;
  otherClient: CertificateFiles;
  /** Deletes the directory. */
  remove(): void;
}

/** A new P-256 key, unencrypted. */
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const ONE_DAY = ['-days', '1'];

/** Whether the `openssl` command line (which makes the certificates; Node has no API for that) is installed. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** CAs and certificates made with `openssl` in a new temporary directory; call remove() in afterAll. */
export function makeTlsFixture(): TlsFixture {
  const dir = mkdtempSync(join(tmpdir(), 'a2a-transport-tls-'));
  const file = (name: string): string => join(dir, name);
  const openssl = (args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const files = (name: string): CertificateFiles => ({ certFile: file(`${name}.pem`), keyFile: file(`${name}.key`) });
  const makeCa = (name: string): CertificateFiles => {
    openssl(['req', '-x509', ...NEW_KEY, ...ONE_DAY, '-subj', `/CN=a2a-mcp ${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign', '-keyout', file(`${name}.key`), '-out', file(`${name}.pem`)]);
    return files(name);
  };
  const sign = (name: string, ca: CertificateFiles, extensions: string): CertificateFiles => {
    openssl(['req', ...NEW_KEY, '-subj', `/CN=${name}`, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`)]);
    writeFileSync(file(`${name}.ext`), `${extensions}\n`);
    openssl(['x509', '-req', '-in', file(`${name}.csr`), '-CA', ca.certFile, '-CAkey', ca.keyFile, '-CAcreateserial', ...ONE_DAY, '-extfile', file(`${name}.ext`), '-out', file(`${name}.pem`)]);
    return files(name);
  };
  try {
    const ca = makeCa('ca');
    const otherCa = makeCa('other-ca');
    return {
      dir,
      ca,
      server: sign('server', ca, 'subjectAltName=IP:127.0.0.1,DNS:localhost'),
      named: sign('named', ca, 'subjectAltName=DNS:agents.test'),
      client: sign('client', ca, 'extendedKeyUsage=clientAuth'),
      otherCa,
      otherClient: sign('other-client', otherCa, 'extendedKeyUsage=clientAuth'),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
