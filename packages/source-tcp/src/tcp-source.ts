import { chmodSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, BlockList, createServer, isIPv6, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import {
  type Batch,
  type ComponentContext,
  ConfigError,
  createLogEvent,
  currentTimestamp,
  defineSource,
  type Emit,
  type FieldMap,
  type LogEvent,
  type OptionProblem,
  rateLimitedLog,
  refuseInvalidOptions,
  type Source,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import {
  type DecodingConfig,
  decodingOptionSchema,
  EVENT_OVERHEAD_BYTES,
  type FramingConfig,
  framingOptionSchema,
  SourceDecoding,
} from '@sluice/encoding';

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
}

/** A running TCP source; `address()` resolves once it listens (port 0 picks a free port). */
export interface TcpSource extends Source {
  address(): Promise<AddressInfo>;
}

/** `ip:port` or `[ipv6]:port`; undefined when it is neither. */
function parseAddress(address: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]*)\]?:(\d+)$/.exec(address);
  if (match === null) return undefined;
  return { host: match[1] as string, port: Number(match[2]) };
}

/** The checks of the options alone (`validate`): mode, where to listen, `permit_origin`, TLS. */
export function tcpSourceProblems(options: TcpSourceOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const mode = options.mode ?? 'tcp';
  if (mode === 'udp' || mode === 'unix_datagram')
    problem('mode', `"${mode}" is not supported by Sluice yet; use "tcp" or "unix_stream"`);
  const unix = mode === 'unix' || mode === 'unix_stream';
  // A mode Sluice lacks is refused above; its own options are not checked as tcp's.
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

/**
 * The default `connection_limit`: half the process's soft open-file limit (`ulimit -n`), so idle
 * clients can never take the descriptors the buffers and sinks need. Vector has no default; a
 * Node process that runs out of descriptors fails in places far from the source. `undefined`
 * (no limit) where the limit is unknown (not Linux) or unlimited.
 */
export function defaultConnectionLimit(limits?: string): number | undefined {
  let text = limits;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const soft = /^Max open files\s+(\d+)/m.exec(text)?.[1];
  return soft === undefined ? undefined : Math.max(1, Math.floor(Number(soft) / 2));
}

/** Accept errors the server survives: the next accept may succeed (descriptors freed, peer gone). */
const RETRYABLE_ACCEPT_ERRORS = new Set([
  'EMFILE',
  'ENFILE',
  'ENOBUFS',
  'ENOMEM',
  'ECONNABORTED',
  'EPROTO',
  'EPERM',
]);

const configError = (path: string, message: string) => new ConfigError([{ file: undefined, path, message }]);

/** A CIDR (an address without a prefix is one host) as `BlockList.addSubnet` takes it; undefined when invalid. */
function subnetOf(cidr: string): { network: string; prefix: number; type: 'ipv4' | 'ipv6' } | undefined {
  const [network = '', prefixText] = cidr.split('/');
  const type = isIPv6(network) ? 'ipv6' : 'ipv4';
  const prefix = prefixText === undefined ? (type === 'ipv6' ? 128 : 32) : Number(prefixText);
  try {
    new BlockList().addSubnet(network, prefix, type);
  } catch {
    return undefined;
  }
  return { network, prefix, type };
}

/** `permit_origin`: Vector's CIDR allow list (entries checked by `tcpSourceProblems`). */
function allowListOf(cidrs: readonly string[] | undefined): BlockList | undefined {
  if (cidrs === undefined) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const subnet = subnetOf(cidr);
    if (subnet !== undefined) list.addSubnet(subnet.network, subnet.prefix, subnet.type);
  }
  return list;
}

function permitted(list: BlockList, address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return list.check(mapped, 'ipv4');
  return list.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
}

/** A PEM file, or (for crt_file) a PKCS#12 archive as Vector also accepts. */
function readTlsFile(path: string, option: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw configError(`tls.${option}`, `cannot read "${path}": ${(error as Error).message}`);
  }
}

function tlsServerOptions(tls: TlsSourceOptions) {
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
function distinguishedName(
  subject: Partial<Record<string, string | string[]>> | undefined,
): string | undefined {
  if (subject === undefined) return undefined;
  return Object.entries(subject)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(',');
}

type CutOffReason = 'connection_reset' | 'idle_timeout';

export function createTcpSource(
  options: TcpSourceOptions,
  context: ComponentContext,
  sourceType: string,
): TcpSource {
  refuseInvalidOptions(tcpSourceProblems(options));
  const mode = options.mode ?? 'tcp';
  const unix = mode === 'unix' || mode === 'unix_stream';
  const listenOn = unix
    ? { path: options.path as string }
    : (parseAddress(options.address as string) as { host: string; port: number });
  const tls = options.tls?.enabled === true ? tlsServerOptions(options.tls) : undefined;
  const allowList = allowListOf(options.permit_origin);
  const decoding = new SourceDecoding(
    { framing: options.framing, decoding: options.decoding, legacyMaxLength: options.max_length },
    context,
  );
  const metrics = {
    receivedBytes: context.metrics.counter('component_received_bytes_total', {
      protocol: unix ? 'unix' : 'tcp',
    }),
    receivedEvents: context.metrics.counter('component_received_events_total'),
    receivedEventBytes: context.metrics.counter('component_received_event_bytes_total'),
    openConnections: context.metrics.gauge('open_connections'),
    discarded: context.metrics.counter('component_discarded_events_total', { intentional: 'false' }),
    refused: context.metrics.counter('component_errors_total', {
      error_type: 'connection_refused',
      stage: 'receiving',
    }),
    notPermitted: context.metrics.counter('component_errors_total', {
      error_type: 'origin_not_permitted',
      stage: 'receiving',
    }),
    tlsFailed: context.metrics.counter('component_errors_total', {
      error_type: 'tls_handshake_failed',
      stage: 'receiving',
    }),
    acceptFailed: context.metrics.counter('component_errors_total', {
      error_type: 'accept_failed',
      stage: 'receiving',
    }),
  };
  const cutOff = (reason: CutOffReason) =>
    context.metrics.counter('component_errors_total', { error_type: reason, stage: 'receiving' });
  const cutOffCounters = {
    connection_reset: cutOff('connection_reset'),
    idle_timeout: cutOff('idle_timeout'),
  };
  const warnCutOff = rateLimitedLog(context.logger, 'warn');
  const warnAccept = rateLimitedLog(context.logger, 'warn');
  const warnRefused = rateLimitedLog(context.logger, 'warn');
  const warnNotPermitted = rateLimitedLog(context.logger, 'warn');
  const warnTls = rateLimitedLog(context.logger, 'warn');
  let resolveAddress: (address: AddressInfo) => void = () => {};
  let rejectAddress: (error: Error) => void = () => {};
  const listening = new Promise<AddressInfo>((resolve, reject) => {
    resolveAddress = resolve;
    rejectAddress = reject;
  });
  // A listen failure is reported through run(); this keeps it from surfacing as unhandled too.
  listening.catch(() => {});
  if (context.acknowledgements) {
    context.logger.warn('the TCP protocol has no acknowledgements: this source cannot honour them');
  }

  return {
    address: () => listening,
    run(emit: Emit, signal: AbortSignal): Promise<void> {
      const sockets = new Set<Socket>();
      const connectionsDone: Array<Promise<void>> = [];
      // receive_buffer_bytes: Node cannot set SO_RCVBUF on a TCP socket; the closest is how much
      // each socket buffers in user space before it stops reading (its readable high-water mark).
      const serverOptions = {
        pauseOnConnect: false,
        noDelay: true,
        ...(options.receive_buffer_bytes === undefined
          ? {}
          : { highWaterMark: options.receive_buffer_bytes }),
      };
      const secureEvent = tls === undefined ? 'connection' : 'secureConnection';
      // A handshake that never completes holds a connection_limit slot: Node's default gives up after 120 s.
      const handshakeTimeout =
        options.tls_handshake_timeout_secs === undefined
          ? {}
          : { handshakeTimeout: options.tls_handshake_timeout_secs * 1000 };
      const server: Server =
        tls === undefined
          ? createServer(serverOptions)
          : createTlsServer({ ...serverOptions, ...tls, ...handshakeTimeout });
      const connectionLimit = options.connection_limit ?? defaultConnectionLimit();
      if (connectionLimit !== undefined) server.maxConnections = connectionLimit;
      server.on('drop', () => {
        metrics.refused.increment();
        warnRefused('connection refused: connection_limit reached', { connection_limit: connectionLimit });
      });
      if (tls !== undefined) {
        server.on('tlsClientError', (error, socket) => {
          metrics.tlsFailed.increment();
          warnTls('TLS handshake failed: connection closed', {
            peer: `${socket.remoteAddress}:${socket.remotePort}`,
            error: error.message,
          });
          // With a listener attached, closing the socket is ours to do (Node only does it without one).
          socket.destroy();
        });
      }
      // On the raw connection, so a refused peer never gets a TLS handshake.
      if (allowList !== undefined) {
        server.prependListener('connection', (socket: Socket) => {
          if (permitted(allowList, socket.remoteAddress ?? '')) return;
          metrics.notPermitted.increment();
          warnNotPermitted('connection refused: origin not in permit_origin', {
            peer: `${socket.remoteAddress}:${socket.remotePort}`,
          });
          socket.destroy();
        });
      }
      server.on(secureEvent, (socket: Socket) => {
        if (socket.destroyed) return;
        sockets.add(socket);
        metrics.openConnections.increment();
        connectionsDone.push(
          handleConnection(socket).finally(() => {
            sockets.delete(socket);
            metrics.openConnections.decrement();
          }),
        );
      });

      const handleConnection = (socket: Socket): Promise<void> => {
        if (options.keepalive?.time_secs !== undefined)
          socket.setKeepAlive(true, options.keepalive.time_secs * 1000);
        // Why the connection ended early: its unfinished frame is then dropped, never delivered.
        let cutOffBy: CutOffReason | undefined;
        if (options.idle_timeout_secs !== undefined && options.idle_timeout_secs > 0) {
          socket.setTimeout(options.idle_timeout_secs * 1000, () => {
            cutOffBy = 'idle_timeout';
            socket.destroy();
          });
        }
        // Like Vector: half-close our side; the client sees EOF and closes, its last frame intact.
        let durationTimer: NodeJS.Timeout | undefined;
        if (options.max_connection_duration_secs !== undefined) {
          durationTimer = setTimeout(() => socket.end(), options.max_connection_duration_secs * 1000);
          durationTimer.unref();
        }
        const framer = decoding.newFramer();
        const peerHost = unix ? '(unnamed)' : (socket.remoteAddress ?? '');
        const peerPort = socket.remotePort ?? 0;
        const peer = unix ? (options.path as string) : `${peerHost}:${peerPort}`;
        const withPort = !unix && options.port_key !== '';
        const tlsSubject =
          tls !== undefined && options.tls?.client_metadata_key !== undefined
            ? distinguishedName((socket as TLSSocket).getPeerCertificate().subject)
            : undefined;
        const toBatch = (lines: string[]): Batch => {
          // One timestamp (with nanoseconds, as Vector's Utc::now()) for the lines of one read:
          // they arrived together, and a Timestamp per line is measurable at a million lines/s.
          const timestamp = currentTimestamp();
          if (decoding.structured || tlsSubject !== undefined) {
            const fields: FieldMap = { timestamp, source_type: sourceType };
            if (options.host_key !== '') fields[options.host_key] = peerHost;
            if (withPort) fields[options.port_key] = peerPort;
            if (tlsSubject !== undefined)
              fields[options.tls?.client_metadata_key as string] = { subject: tlsSubject };
            return decoding.toEvents(lines, fields);
          }
          // The hot path (bytes codec): one literal per event, no per-field loop.
          const batch = new Array<LogEvent>(lines.length);
          let bytes = 0;
          for (let index = 0; index < lines.length; index += 1) {
            const message = lines[index] as string;
            const fields: Record<string, string | number | Date> = {
              message,
              timestamp,
              source_type: sourceType,
            };
            if (options.host_key !== '') fields[options.host_key] = peerHost;
            if (withPort) fields[options.port_key] = peerPort;
            const byteSize = message.length + EVENT_OVERHEAD_BYTES;
            bytes += byteSize;
            batch[index] = createLogEvent(fields, { byteSize });
          }
          metrics.receivedEvents.increment(lines.length);
          metrics.receivedEventBytes.increment(bytes);
          return batch;
        };
        return new Promise<void>((resolve) => {
          let pending = Promise.resolve();
          let emitting = 0;
          socket.on('data', (chunk: Buffer) => {
            metrics.receivedBytes.increment(chunk.length);
            const framed = framer.push(chunk);
            decoding.account(framed, peer);
            if (framed.lines.length === 0) return;
            const batch = toBatch(framed.lines);
            if (batch.length === 0) return;
            // Backpressure: stop reading this socket until downstream took the batch, so the
            // kernel's TCP window pushes back on the sender.
            socket.pause();
            emitting += 1;
            pending = pending
              .then(() => emit(batch))
              .catch((error: unknown) => {
                context.logger.error('emitting a batch failed', { error: String(error) });
              })
              .finally(() => {
                emitting -= 1;
                if (emitting === 0 && !socket.destroyed) socket.resume();
              });
          });
          socket.on('error', (error) => {
            context.logger.debug('connection error', { peer, error: error.message });
          });
          socket.on('close', (hadError) => {
            clearTimeout(durationTimer);
            if (hadError && cutOffBy === undefined) cutOffBy = 'connection_reset';
            if (cutOffBy !== undefined) {
              // Vector's framing drops a partial frame on a reset too (an error, not an event).
              if (framer.discard()) {
                cutOffCounters[cutOffBy].increment();
                metrics.discarded.increment();
                warnCutOff(
                  `partial frame dropped: the connection ended by ${cutOffBy} before its delimiter`,
                  {
                    peer,
                  },
                );
              }
              void pending.then(resolve);
              return;
            }
            const framed = framer.end();
            decoding.account(framed, peer);
            if (framed.lines.length > 0) {
              const batch = toBatch(framed.lines);
              if (batch.length > 0) pending = pending.then(() => emit(batch)).catch(() => {});
            }
            void pending.then(resolve);
          });
        });
      };

      return new Promise<void>((resolve, reject) => {
        let listeningNow = false;
        server.on('error', (error: NodeJS.ErrnoException) => {
          if (listeningNow && RETRYABLE_ACCEPT_ERRORS.has(error.code ?? '')) {
            // Out of descriptors (or a peer gone before accept): keep listening; the next accept
            // succeeds once descriptors are free again.
            metrics.acceptFailed.increment();
            warnAccept('cannot accept a connection; still listening', {
              error: error.message,
              ...(error.code === 'EMFILE' || error.code === 'ENFILE'
                ? { hint: 'out of file descriptors: lower connection_limit or raise `ulimit -n`' }
                : {}),
            });
            return;
          }
          rejectAddress(error);
          reject(error);
        });
        server.listen(listenOn, () => {
          listeningNow = true;
          if (unix) {
            const path = options.path as string;
            if (options.socket_file_mode !== undefined) chmodSync(path, options.socket_file_mode);
            context.logger.info(`listening on ${path}`, { path });
            resolveAddress({ address: path, family: 'unix', port: 0 });
            return;
          }
          const bound = server.address() as AddressInfo;
          context.logger.info(`listening on ${bound.address}:${bound.port}`, {
            address: `${bound.address}:${bound.port}`,
          });
          resolveAddress(bound);
        });
        const stop = async () => {
          server.close();
          // Let open connections finish, then close what is left.
          for (const socket of sockets) socket.end();
          const timeoutMs = options.shutdown_timeout_secs * 1000;
          let timer: NodeJS.Timeout | undefined;
          const expired = new Promise<void>((done) => {
            timer = setTimeout(done, timeoutMs);
            timer.unref();
          });
          await Promise.race([Promise.all(connectionsDone), expired]);
          clearTimeout(timer);
          for (const socket of sockets) socket.destroy();
          await Promise.all(connectionsDone);
          // Vector deletes its socket file at shutdown.
          if (unix) rmSync(options.path as string, { force: true });
          resolve();
        };
        if (signal.aborted) void stop();
        else signal.addEventListener('abort', () => void stop(), { once: true });
      });
    },
  };
}

const optionsSchema = (withMode: boolean) => ({
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
              'tcp, or unix_stream (alias unix) on a socket file. udp and unix_datagram are Vector modes Sluice does not implement yet (refused with a clear error).',
          },
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
        'Legacy name of framing.newline_delimited.max_length: longest line in bytes. Default: no limit (as current Vector); a limit bounds the memory one unterminated line can take.',
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

export const socketSource = defineSource<TcpSourceOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'socket',
  description:
    'Receives events over TCP (optionally TLS) or a unix stream socket, framed and decoded as Vector does.',
  optionsSchema: optionsSchema(true),
  validate: tcpSourceProblems,
  create: (options, context) => createTcpSource(options, context, 'socket'),
});

export const tcpSource = defineSource<TcpSourceOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'tcp',
  description:
    'Deprecated (warns): legacy name of the socket source in TCP mode; use type = "socket" with mode = "tcp".',
  optionsSchema: optionsSchema(false),
  validate: tcpSourceProblems,
  create: (options, context) => createTcpSource(options, context, 'socket'),
});
