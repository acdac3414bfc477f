import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A key and its certificate, PEM. */
export interface KeyAndCertificate {
  key: string;
  cert: string;
}

export interface TestCertificates {
  /** A test CA (CA:TRUE), to give the client as `tls.ca`. */
  ca: KeyAndCertificate;
  /** A certificate for IP 127.0.0.1 that the test CA signed. */
  signedByCa: KeyAndCertificate;
  /** A self-signed certificate for IP 127.0.0.1 that nobody trusts. */
  selfSigned: KeyAndCertificate;
}

/** A new P-256 key, unencrypted; the `openssl` command line makes the certificates (Node has no API for that). */
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
/** Valid one day. */
const ONE_DAY = ['-days', '1'];

/** Makes a test CA, a certificate it signed and a self-signed one, in a temporary directory removed afterwards. */
export function makeTestCertificates(): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'a2a-tls-test-'));
  const file = (name: string): string => join(dir, name);
  const openssl = (args: string[]): void => {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const read = (name: string): KeyAndCertificate => ({ key: readFileSync(file(`${name}.key`), 'utf8'), cert: readFileSync(file(`${name}.pem`), 'utf8') });
  try {
    openssl(['req', '-x509', ...NEW_KEY, ...ONE_DAY, '-subj', '/CN=a2a-mcp test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign', '-keyout', file('ca.key'), '-out', file('ca.pem')]);
    openssl(['req', ...NEW_KEY, '-subj', '/CN=127.0.0.1', '-keyout', file('leaf.key'), '-out', file('leaf.csr')]);
    writeFileSync(file('leaf.ext'), 'subjectAltName=IP:127.0.0.1\n');
    openssl(['x509', '-req', '-in', file('leaf.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', ...ONE_DAY, '-extfile', file('leaf.ext'), '-out', file('leaf.pem')]);
    openssl(['req', '-x509', ...NEW_KEY, ...ONE_DAY, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', file('self.key'), '-out', file('self.pem')]);
    return { ca: read('ca'), signedByCa: read('leaf'), selfSigned: read('self') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
