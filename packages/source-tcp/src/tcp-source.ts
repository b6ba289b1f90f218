import { readFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import {
  type Batch,
  type ComponentContext,
  ConfigError,
  createLogEvent,
  defineSource,
  type Emit,
  type LogEvent,
  rateLimitedLog,
  type Source,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import {
  DEFAULT_MAX_LENGTH,
  framingOptionSchema,
  NewlineFramer,
  type OversizedAction,
} from '@sluice/encoding';

export interface TcpSourceOptions {
  mode?: 'tcp' | 'udp' | 'unix';
  address: string;
  max_length?: number;
  framing?: {
    method?: 'newline_delimited';
    newline_delimited?: { max_length?: number; oversized_action?: OversizedAction };
  };
  shutdown_timeout_secs: number;
  connection_limit?: number;
  idle_timeout_secs?: number;
  max_connection_duration_secs?: number;
  host_key: string;
  port_key: string;
  keepalive?: { time_secs?: number };
  receive_buffer_bytes?: number;
}

/** A running TCP source; `address()` resolves once it listens (port 0 picks a free port). */
export interface TcpSource extends Source {
  address(): Promise<AddressInfo>;
}

const EVENT_OVERHEAD_BYTES = 64;

function parseAddress(address: string): { host: string; port: number } {
  const match = /^\[?([^\]]*)\]?:(\d+)$/.exec(address);
  if (match === null) {
    throw new ConfigError([
      { file: undefined, path: 'address', message: `must be "ip:port" (got "${address}")` },
    ]);
  }
  return { host: match[1] as string, port: Number(match[2]) };
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

/** One ISO timestamp per millisecond: building a Date per line is measurable at a million lines/s. */
function timestampClock(): () => Date {
  let lastMillisecond = 0;
  let last = new Date(0);
  return () => {
    const now = Date.now();
    if (now !== lastMillisecond) {
      lastMillisecond = now;
      last = new Date(now);
    }
    return last;
  };
}

export function createTcpSource(
  options: TcpSourceOptions,
  context: ComponentContext,
  sourceType: string,
): TcpSource {
  if (options.mode !== undefined && options.mode !== 'tcp') {
    throw new ConfigError([
      {
        file: undefined,
        path: 'mode',
        message: `only "tcp" is supported by this source (got "${options.mode}")`,
      },
    ]);
  }
  const { host, port } = parseAddress(options.address);
  const maxLength =
    options.framing?.newline_delimited?.max_length ?? options.max_length ?? DEFAULT_MAX_LENGTH;
  const oversizedAction = options.framing?.newline_delimited?.oversized_action ?? 'drop';
  const metrics = {
    receivedBytes: context.metrics.counter('component_received_bytes_total', { protocol: 'tcp' }),
    receivedEvents: context.metrics.counter('component_received_events_total'),
    receivedEventBytes: context.metrics.counter('component_received_event_bytes_total'),
    openConnections: context.metrics.gauge('open_connections'),
    oversizedErrors: context.metrics.counter('component_errors_total', {
      error_type: 'oversized_line',
      stage: 'receiving',
    }),
    discarded: context.metrics.counter('component_discarded_events_total', { intentional: 'false' }),
    refused: context.metrics.counter('component_errors_total', {
      error_type: 'connection_refused',
      stage: 'receiving',
    }),
    acceptFailed: context.metrics.counter('component_errors_total', {
      error_type: 'accept_failed',
      stage: 'receiving',
    }),
  };
  const cutOff = (reason: 'connection_reset' | 'idle_timeout') =>
    context.metrics.counter('component_errors_total', { error_type: reason, stage: 'receiving' });
  const cutOffCounters = {
    connection_reset: cutOff('connection_reset'),
    idle_timeout: cutOff('idle_timeout'),
  };
  const warnCutOff = rateLimitedLog(context.logger, 'warn');
  const warnAccept = rateLimitedLog(context.logger, 'warn');
  const warnOversized = rateLimitedLog(context.logger, 'warn');
  const warnRefused = rateLimitedLog(context.logger, 'warn');
  const now = timestampClock();
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
      const server: Server = createServer({ pauseOnConnect: false, noDelay: true });
      const connectionLimit = options.connection_limit ?? defaultConnectionLimit();
      if (connectionLimit !== undefined) server.maxConnections = connectionLimit;
      server.on('drop', () => {
        metrics.refused.increment();
        warnRefused('connection refused: connection_limit reached', { connection_limit: connectionLimit });
      });
      server.on('connection', (socket) => {
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
        let cutOffBy: 'connection_reset' | 'idle_timeout' | undefined;
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
        const framer = new NewlineFramer({ maxLength, oversizedAction });
        const peerHost = socket.remoteAddress ?? '';
        const peerPort = socket.remotePort ?? 0;
        const toBatch = (lines: string[]): Batch => {
          const timestamp = now();
          const batch = new Array<LogEvent>(lines.length);
          for (let index = 0; index < lines.length; index += 1) {
            const message = lines[index] as string;
            const fields: Record<string, string | number | Date> = {
              message,
              timestamp,
              source_type: sourceType,
            };
            if (options.host_key !== '') fields[options.host_key] = peerHost;
            if (options.port_key !== '') fields[options.port_key] = peerPort;
            batch[index] = createLogEvent(fields, { byteSize: message.length + EVENT_OVERHEAD_BYTES });
          }
          return batch;
        };
        const account = (framed: { lines: string[]; bytes: number; oversized: number }) => {
          if (framed.oversized > 0) {
            metrics.oversizedErrors.increment(framed.oversized);
            if (oversizedAction === 'drop') metrics.discarded.increment(framed.oversized);
            warnOversized(
              `line longer than max_length (${maxLength} bytes) ${oversizedAction === 'drop' ? 'dropped' : 'truncated'}`,
              {
                peer: `${peerHost}:${peerPort}`,
                lines: framed.oversized,
              },
            );
          }
          if (framed.lines.length > 0) {
            metrics.receivedEvents.increment(framed.lines.length);
            metrics.receivedEventBytes.increment(framed.bytes + framed.lines.length * EVENT_OVERHEAD_BYTES);
          }
        };
        return new Promise<void>((resolve) => {
          let pending = Promise.resolve();
          let emitting = 0;
          socket.on('data', (chunk: Buffer) => {
            metrics.receivedBytes.increment(chunk.length);
            const framed = framer.push(chunk);
            account(framed);
            if (framed.lines.length === 0) return;
            // Backpressure: stop reading this socket until downstream took the batch, so the
            // kernel's TCP window pushes back on the sender.
            socket.pause();
            emitting += 1;
            const batch = toBatch(framed.lines);
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
            context.logger.debug('connection error', {
              peer: `${peerHost}:${peerPort}`,
              error: error.message,
            });
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
                    peer: `${peerHost}:${peerPort}`,
                  },
                );
              }
              void pending.then(resolve);
              return;
            }
            const framed = framer.end();
            account(framed);
            if (framed.lines.length > 0) {
              const batch = toBatch(framed.lines);
              pending = pending.then(() => emit(batch)).catch(() => {});
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
        server.listen({ host, port }, () => {
          listeningNow = true;
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
  required: withMode ? ['address', 'mode'] : ['address'],
  properties: {
    ...(withMode
      ? {
          mode: {
            type: 'string',
            enum: ['tcp', 'udp', 'unix'],
            description: 'The socket type; only "tcp" is supported.',
          },
        }
      : {}),
    address: {
      type: 'string',
      description: 'The "ip:port" to listen on; port 0 picks a free port (the bound address is logged).',
    },
    max_length: {
      type: 'integer',
      minimum: 1,
      description:
        'Longest line in bytes (legacy name of framing.newline_delimited.max_length). Default 102400.',
    },
    framing: framingOptionSchema,
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
      description: 'Field for the peer\'s IP address; "" leaves it out.',
    },
    port_key: {
      type: 'string',
      default: 'port',
      description: 'Field for the peer\'s port; "" leaves it out.',
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
      description: 'Accepted for compatibility; the OS default is used.',
    },
  },
});

export const socketSource = defineSource<TcpSourceOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'socket',
  description: 'Receives newline-delimited lines over TCP (mode = "tcp").',
  optionsSchema: optionsSchema(true),
  create: (options, context) => createTcpSource(options, context, 'socket'),
});

export const tcpSource = defineSource<TcpSourceOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'tcp',
  description: 'Legacy name of the socket source in TCP mode.',
  optionsSchema: optionsSchema(false),
  create: (options, context) => createTcpSource(options, context, 'socket'),
});
