import { readFileSync } from 'node:fs';
import { ConfigError, type JsonSchema } from '@sluice/component-api';

/** Vector's outgoing `tls` table (`lib/vector-core/src/tls/settings.rs`), as the config writes it. */
export interface TlsOptions {
  enabled?: boolean;
  /** Check the server's certificate chain (default true). */
  verify_certificate?: boolean;
  /** Check that the certificate names the host (default true). */
  verify_hostname?: boolean;
  /** Certificate authorities to trust, PEM (instead of the system's). */
  ca_file?: string;
  /** The client certificate, PEM. */
  crt_file?: string;
  /** Its private key, PEM. */
  key_file?: string;
  /** The key's passphrase. */
  key_pass?: string;
  /** The name to check and to send in SNI instead of the host's. */
  server_name?: string;
  alpn_protocols?: string[];
}

export const tlsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'TLS of the connections to the destination (https).',
  properties: {
    enabled: {
      type: 'boolean',
      description: 'Accepted for Vector compatibility: an https:// URL uses TLS, an http:// one does not.',
    },
    verify_certificate: {
      type: 'boolean',
      default: true,
      description:
        'Check that the server certificate is valid and chains to a trusted authority. false only for tests: anyone in the path can read and change the traffic.',
    },
    verify_hostname: {
      type: 'boolean',
      default: true,
      description: 'Check that the server certificate names the host connected to (or server_name).',
    },
    ca_file: {
      type: 'string',
      minLength: 1,
      description: 'A PEM file of the certificate authorities to trust, instead of the system ones.',
    },
    crt_file: {
      type: 'string',
      minLength: 1,
      description: 'A PEM file of the client certificate (with key_file).',
    },
    key_file: { type: 'string', minLength: 1, description: 'A PEM file of the client private key.' },
    key_pass: { type: 'string', writeOnly: true, description: 'The passphrase of key_file.' },
    server_name: {
      type: 'string',
      minLength: 1,
      description: 'The name sent in SNI and checked in the certificate instead of the host.',
    },
    alpn_protocols: {
      type: 'array',
      items: { type: 'string' },
      description: 'Protocols offered by ALPN, in order of preference.',
    },
  },
};

/** What Node's TLS connect takes. */
export interface TlsConnectOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  passphrase?: string;
  rejectUnauthorized?: boolean;
  checkServerIdentity?: () => undefined;
  servername?: string;
  ALPNProtocols?: string[];
}

function readPem(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError([
      {
        file: undefined,
        path: `tls.${option}`,
        message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)} (${path})`,
      },
    ]);
  }
}

/** The connect options of a `tls` table; its files read now, a missing one a config error. */
export function tlsConnectOptions(tls: TlsOptions | undefined): TlsConnectOptions {
  if (tls === undefined) return {};
  if ((tls.crt_file === undefined) !== (tls.key_file === undefined))
    throw new ConfigError([
      { file: undefined, path: 'tls', message: 'crt_file and key_file go together: set both or neither' },
    ]);
  return {
    ...(tls.ca_file === undefined ? {} : { ca: readPem(tls.ca_file, 'ca_file') }),
    ...(tls.crt_file === undefined ? {} : { cert: readPem(tls.crt_file, 'crt_file') }),
    ...(tls.key_file === undefined ? {} : { key: readPem(tls.key_file, 'key_file') }),
    ...(tls.key_pass === undefined ? {} : { passphrase: tls.key_pass }),
    ...(tls.verify_certificate === false ? { rejectUnauthorized: false } : {}),
    ...(tls.verify_hostname === false ? { checkServerIdentity: () => undefined } : {}),
    ...(tls.server_name === undefined ? {} : { servername: tls.server_name }),
    ...(tls.alpn_protocols === undefined ? {} : { ALPNProtocols: tls.alpn_protocols }),
  };
}
