import { readFileSync } from 'node:fs';
import { ConfigError } from '@sluice/component-api';
import type { TlsSourceOptions } from './options.js';

const configError = (path: string, message: string) => new ConfigError([{ file: undefined, path, message }]);

/** A PEM file, or (for crt_file) a PKCS#12 archive as Vector also accepts. */
function readTlsFile(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw configError(`tls.${option}`, `cannot read "${path}": ${(error as Error).message}`);
  }
}

export function tlsServerOptions(tls: TlsSourceOptions) {
  const certificate = readTlsFile(tls.crt_file as string, 'crt_file');
  const isPem = certificate.subarray(0, 64).toString('latin1').includes('-----BEGIN');
  if (isPem && tls.key_file === undefined) throw configError('tls.key_file', 'a PEM crt_file needs key_file');
  return {
    ...(isPem
      ? { cert: certificate, key: readTlsFile(tls.key_file as string, 'key_file') }
      : { pfx: certificate }),
    ...(tls.key_pass === undefined ? {} : { passphrase: tls.key_pass }),
    ...(tls.ca_file === undefined ? {} : { ca: readTlsFile(tls.ca_file, 'ca_file') }),
    ...(tls.alpn_protocols === undefined ? {} : { ALPNProtocols: tls.alpn_protocols }),
    // Vector's default for sources: client certificates are not required.
    requestCert: tls.verify_certificate === true,
    rejectUnauthorized: tls.verify_certificate === true,
  };
}

/** A certificate subject as one string, `CN=client,O=Acme`; undefined without a certificate. */
export function distinguishedName(
  subject: Partial<Record<string, string | string[]>> | undefined,
): string | undefined {
  if (subject === undefined) return undefined;
  return Object.entries(subject)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(',');
}
