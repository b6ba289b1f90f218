import type { OptionProblem } from '@sluice/component-api';
import {
  type DecodingConfig,
  decodingOptionSchema,
  type FramingConfig,
  framingOptionSchema,
} from '@sluice/encoding';
import { datagramSourceProblems } from './datagram-source.js';
import { subnetOf } from './origin.js';
import { DATAGRAM_OPTIONS } from './socket-modes.js';

/** Vector's TLS options of a source (`TlsSourceConfig`): a TLS server. */
export interface TlsSourceOptions {
  enabled?: boolean;
  crt_file?: string;
  key_file?: string;
  key_pass?: string;
  ca_file?: string;
  verify_certificate?: boolean;
  verify_hostname?: boolean;
  alpn_protocols?: string[];
  server_name?: string;
  client_metadata_key?: string;
}

export interface TcpSourceOptions {
  mode?: 'tcp' | 'udp' | 'unix' | 'unix_stream' | 'unix_datagram';
  /** tcp: `ip:port`. */
  address?: string;
  /** unix: the socket file. */
  path?: string;
  socket_file_mode?: number;
  /** Legacy top-level name of `framing.newline_delimited.max_length`. */
  max_length?: number;
  framing?: FramingConfig;
  decoding?: DecodingConfig;
  shutdown_timeout_secs: number;
  connection_limit?: number;
  idle_timeout_secs?: number;
  max_connection_duration_secs?: number;
  host_key: string;
  port_key: string;
  keepalive?: { time_secs?: number };
  receive_buffer_bytes?: number;
  permit_origin?: string[];
  tls?: TlsSourceOptions;
  tls_handshake_timeout_secs?: number;
  /** udp: multicast groups to join, and the interface to join them on. */
  multicast_groups?: string[];
  multicast_interface?: string;
}

/** `ip:port` or `[ipv6]:port`; undefined when it is neither. */
export function parseAddress(address: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]*)\]?:(\d+)$/.exec(address);
  if (match === null) return undefined;
  return { host: match[1] as string, port: Number(match[2]) };
}

/** The checks of the options alone (`validate`): mode, where to listen, `permit_origin`, TLS. */
export function tcpSourceProblems(options: TcpSourceOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const mode = options.mode ?? 'tcp';
  if (mode === 'udp' || mode === 'unix_datagram') return datagramSourceProblems(options);
  const unix = mode === 'unix' || mode === 'unix_stream';
  const tcp = mode === 'tcp';
  if (unix && options.path === undefined) problem('path', 'is required with mode = "unix_stream"');
  if (tcp && options.address === undefined) problem('address', 'is required with mode = "tcp"');
  if (tcp && options.address !== undefined && parseAddress(options.address) === undefined)
    problem('address', `must be "ip:port" (got "${options.address}")`);
  options.permit_origin?.forEach((cidr, index) => {
    if (subnetOf(cidr) === undefined)
      problem(`permit_origin[${index}]`, `must be a CIDR such as "10.0.0.0/8" (got "${cidr}")`);
  });
  if (options.tls?.enabled === true && options.tls.crt_file === undefined)
    problem('tls.crt_file', 'a TLS server needs a certificate (crt_file and key_file)');
  return problems;
}

export const optionsSchema = (withMode: boolean) => ({
  type: 'object',
  additionalProperties: false,
  required: withMode ? ['mode'] : ['address'],
  properties: {
    ...(withMode
      ? {
          mode: {
            type: 'string',
            enum: ['tcp', 'unix_stream', 'unix', 'udp', 'unix_datagram'],
            description:
              "tcp; unix_stream (alias unix) on a socket file; udp; unix_datagram on a socket file (needs the optional package node-unix-socket). Each mode takes the options of Vector's for it.",
          },
          ...DATAGRAM_OPTIONS,
          path: {
            type: 'string',
            description: 'unix_stream: the socket file to listen on (removed at shutdown).',
          },
          socket_file_mode: {
            type: 'integer',
            minimum: 0,
            maximum: 0o7777,
            description:
              'unix_stream: permissions of the socket file, e.g. 0o777 (TOML) or 511. Default: per umask.',
          },
        }
      : {}),
    address: {
      type: 'string',
      description: 'tcp: the "ip:port" to listen on; port 0 picks a free port (the bound address is logged).',
      examples: ['0.0.0.0:9000'],
    },
    max_length: {
      type: 'integer',
      minimum: 1,
      description:
        "Legacy name of framing.newline_delimited.max_length: longest line in bytes; longer lines are dropped (or truncated) and counted. Default: 102400 (Vector's documented max_length; its TCP mode has none, and one endless line can exhaust memory); never above 512 MiB, whatever is set.",
    },
    framing: framingOptionSchema,
    decoding: decodingOptionSchema,
    shutdown_timeout_secs: {
      type: 'number',
      minimum: 0,
      default: 30,
      description: 'On shutdown, how long open connections may take to finish before they are closed.',
    },
    connection_limit: {
      type: 'integer',
      minimum: 1,
      description:
        'Most connections open at once; more are refused and counted. Default: half the open-file limit (`ulimit -n`), so clients cannot take every descriptor (Vector: no limit).',
    },
    idle_timeout_secs: {
      type: 'number',
      minimum: 0,
      description:
        'Sluice extension: close a connection that sent nothing for this long (its unfinished line is dropped and counted). Default: never; 0 also means never.',
    },
    max_connection_duration_secs: {
      type: 'integer',
      minimum: 1,
      description:
        'Close each connection after this long (our side first, so the client ends cleanly); helps balance long-lived connections. Default: never.',
    },
    host_key: {
      type: 'string',
      default: 'host',
      description: 'Field for the peer\'s IP address ("(unnamed)" on a unix socket); "" leaves it out.',
    },
    port_key: {
      type: 'string',
      default: 'port',
      description: 'Field for the peer\'s port (tcp); "" leaves it out.',
    },
    keepalive: {
      type: 'object',
      additionalProperties: false,
      description: 'TCP keepalive.',
      properties: {
        time_secs: { type: 'number', minimum: 0, description: 'Idle seconds before keepalive probes.' },
      },
    },
    receive_buffer_bytes: {
      type: 'integer',
      minimum: 1,
      description:
        "Bytes each connection buffers before it stops reading (the socket's readable high-water mark; Node cannot set the kernel's SO_RCVBUF). Default: Node's.",
    },
    permit_origin: {
      type: 'array',
      items: { type: 'string' },
      description:
        'tcp: CIDR allow list ("10.0.0.0/8", "::1/128"); other peers are refused and counted. Default: all.',
    },
    tls_handshake_timeout_secs: {
      type: 'integer',
      minimum: 1,
      description:
        "Abort a TLS handshake not finished after this long, so it cannot hold a connection_limit slot. Default: Node's 120 s (Vector: none).",
    },
    tls: {
      type: 'object',
      additionalProperties: false,
      description: "TLS server (Vector's TlsSourceConfig).",
      properties: {
        enabled: { type: 'boolean', default: false, description: 'Require TLS on every connection.' },
        crt_file: { type: 'string', description: 'Server certificate: PEM (with key_file) or PKCS#12.' },
        key_file: { type: 'string', description: 'Private key (PEM) of crt_file.' },
        key_pass: {
          type: 'string',
          secret: true,
          description: 'Passphrase of key_file or of the PKCS#12 file.',
        },
        ca_file: {
          type: 'string',
          description: 'CA certificates (PEM) that client certificates are checked against.',
        },
        verify_certificate: {
          type: 'boolean',
          default: false,
          description: 'Require a client certificate signed by ca_file; clients without one are refused.',
        },
        verify_hostname: {
          type: 'boolean',
          description:
            'Accepted for compatibility; a server does not check client host names (as in Vector).',
        },
        alpn_protocols: { type: 'array', items: { type: 'string' }, description: 'ALPN protocols offered.' },
        server_name: {
          type: 'string',
          description: 'Accepted for compatibility (a client option in Vector).',
        },
        client_metadata_key: {
          type: 'string',
          description: "Field that gets the client certificate's subject ({ subject }); default: none.",
        },
      },
    },
  },
});
