import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** PEM files for one TLS endpoint; all optional. */
export interface TlsFiles {
  /** Certificate authorities to trust instead of the system's (a client), or that sign the clients' certificates (a server asking for them). */
  caFile?: string;
  /** This side's certificate (chain), with `keyFile`. */
  certFile?: string;
  /** The private key of `certFile` (unencrypted PEM). */
  keyFile?: string;
}

/** The variables that name each file, for messages (e.g. GRPC_TLS_CA_FILE). */
export interface TlsFileVariables {
  ca: string;
  cert: string;
  key: string;
}

/** Reports one bad variable: its name, its value and what it should be. */
export type ReportProblem = (variable: string, value: string, expected: string) => void;

type Environment = Readonly<Record<string, string | undefined>>;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads and checks the three files at boot, so a typo or a key of another certificate is one line
 * naming the variable rather than a handshake failure on the first call. Undefined when none is set.
 * The files are read again where they are used (a renewed certificate is picked up on the next connection).
 */
export function readTlsFiles(env: Environment, names: TlsFileVariables, report: ReportProblem): TlsFiles | undefined {
  const path = (variable: string): string | undefined => {
    const value = env[variable]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const files: TlsFiles = {};
  const caFile = path(names.ca);
  const certFile = path(names.cert);
  const keyFile = path(names.key);
  if (caFile === undefined && certFile === undefined && keyFile === undefined) return undefined;

  if (caFile !== undefined) {
    files.caFile = caFile;
    const problem = certificatesProblem(caFile);
    if (problem !== undefined) report(names.ca, caFile, problem);
  }
  if (certFile !== undefined && keyFile === undefined) report(names.cert, certFile, `set ${names.key} too (the certificate's private key)`);
  if (keyFile !== undefined && certFile === undefined) report(names.key, keyFile, `set ${names.cert} too (the key's certificate)`);
  if (certFile === undefined || keyFile === undefined) return files;

  files.certFile = certFile;
  files.keyFile = keyFile;
  const certProblem = certificatesProblem(certFile);
  if (certProblem !== undefined) report(names.cert, certFile, certProblem);
  const key = privateKeyOf(keyFile);
  if (typeof key === 'string') report(names.key, keyFile, key);
  if (certProblem === undefined && typeof key !== 'string') {
    const [leaf] = pemCertificates(readFileSync(certFile, 'utf8'));
    if (!new X509Certificate(leaf).checkPrivateKey(key)) report(names.key, keyFile, `the private key of the certificate in ${names.cert} (this key belongs to another one)`);
  }
  return files;
}

/** The file's text, or what keeps it from being read ("a readable file (no such file)"). */
export function readable(file: string): string | { problem: string } {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: `a readable file (${code === 'ENOENT' ? 'no such file' : (code ?? (error as Error).message)})` };
  }
}

const pemCertificates = (text: string): string[] => text.match(PEM_CERTIFICATE) ?? [];

/** What is wrong with a file of PEM certificates, or undefined. */
function certificatesProblem(file: string): string | undefined {
  const text = readable(file);
  if (typeof text !== 'string') return text.problem;
  const blocks = pemCertificates(text);
  if (blocks.length === 0) return 'a PEM file of certificates (-----BEGIN CERTIFICATE-----); this file holds none';
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      return `PEM certificates that parse; certificate ${index + 1} of ${blocks.length} does not (${(error as Error).message})`;
    }
  }
  return undefined;
}

/** The parsed key, or what is wrong with the file. Node's parse errors name the format, never the key. */
function privateKeyOf(file: string): KeyObject | string {
  const text = readable(file);
  if (typeof text !== 'string') return text.problem;
  try {
    return createPrivateKey(text);
  } catch (error) {
    return `an unencrypted PEM private key (${(error as Error).message})`;
  }
}
