import { chmodSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import {
  type ComponentContext,
  defineSource,
  type Emit,
  rateLimitedLog,
  refuseInvalidOptions,
  type Source,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { SourceDecoding } from '@sluice/encoding';
import { connectionHandler } from './connection.js';
import { defaultConnectionLimit } from './connection-limit.js';
import { awaitHandOver, handOver } from './handover.js';
import { optionsSchema, parseAddress, type TcpSourceOptions, tcpSourceProblems } from './options.js';
import { allowListOf, permitted } from './origin.js';
import { createSocketSource } from './socket-modes.js';
import { tlsServerOptions } from './tls.js';
import { claimSocketPath } from './unix-socket.js';

/** A running TCP source; `address()` resolves once it listens (port 0 picks a free port). */
export interface TcpSource extends Source {
  address(): Promise<AddressInfo>;
}

type ServerListener = Parameters<Server['off']>[1];

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
  const handleConnection = connectionHandler({
    options,
    context,
    decoding,
    sourceType,
    unix,
    tls: tls !== undefined,
    ...metrics,
  });
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
  // A reload that replaces this source hands its listening server to the new instance (never closed
  // in between) when both listen alike; otherwise the old one closes it and the new one listens.
  const handOverKey = JSON.stringify([
    listenOn,
    options.tls ?? null,
    options.receive_buffer_bytes ?? null,
    options.socket_file_mode ?? null,
  ]);
  const handOff = awaitHandOver(handOverKey);
  if (context.acknowledgements) {
    context.logger.warn('the TCP protocol has no acknowledgements: this source cannot honour them');
  }

  return {
    address: () => listening,
    async close() {
      handOff.withdraw();
    },
    run(emit: Emit, signal: AbortSignal): Promise<void> {
      const handed = handOff.take();
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
        handed?.server ??
        (tls === undefined
          ? createServer(serverOptions)
          : createTlsServer({ ...serverOptions, ...tls, ...handshakeTimeout }));
      // This instance's listeners, removed when it hands the server over.
      const listeners: Array<[string, ServerListener]> = [];
      const on = (event: string, listener: ServerListener) => {
        server.on(event, listener);
        listeners.push([event, listener]);
      };
      const connectionLimit = options.connection_limit ?? defaultConnectionLimit();
      if (connectionLimit !== undefined) server.maxConnections = connectionLimit;
      on('drop', () => {
        metrics.refused.increment();
        warnRefused('connection refused: connection_limit reached', { connection_limit: connectionLimit });
      });
      if (tls !== undefined) {
        on('tlsClientError', (error: Error, socket: Socket) => {
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
      const refused = (socket: Socket): boolean => {
        if (allowList === undefined || permitted(allowList, socket.remoteAddress ?? '')) return false;
        metrics.notPermitted.increment();
        warnNotPermitted('connection refused: origin not in permit_origin', {
          peer: `${socket.remoteAddress}:${socket.remotePort}`,
        });
        socket.destroy();
        return true;
      };
      if (allowList !== undefined) {
        server.prependListener('connection', refused);
        listeners.push(['connection', refused]);
      }
      const accept = (socket: Socket) => {
        if (socket.destroyed) return;
        sockets.add(socket);
        metrics.openConnections.increment();
        connectionsDone.push(
          handleConnection(socket, emit).finally(() => {
            sockets.delete(socket);
            metrics.openConnections.decrement();
          }),
        );
      };
      on(secureEvent, accept);

      return new Promise<void>((resolve, reject) => {
        let listeningNow = false;
        on('error', (error: NodeJS.ErrnoException) => {
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
        const listen = () =>
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
        if (handed !== undefined) {
          // Listening all along: the connections accepted while no instance ran are read now.
          handed.release();
          listeningNow = true;
          for (const socket of handed.waiting.splice(0)) {
            if (refused(socket)) continue;
            accept(socket);
            socket.resume();
          }
          const bound = server.address() as AddressInfo | string;
          const where = typeof bound === 'string' ? bound : `${bound.address}:${bound.port}`;
          context.logger.info(`listening on ${where} (the socket of the instance this one replaces)`, {
            address: where,
          });
          resolveAddress(typeof bound === 'string' ? { address: bound, family: 'unix', port: 0 } : bound);
        } else if (unix)
          // Stopped while the path was being claimed: nothing to listen on any more.
          claimSocketPath(options.path as string, context.logger).then(
            () => signal.aborted || listen(),
            (error: Error) => {
              rejectAddress(error);
              reject(error);
            },
          );
        else listen();
        const stop = async () => {
          // Handed to the instance replacing this one (a reload), the server stays open: only this
          // instance's listeners go. Otherwise it closes.
          const handedOn = listeningNow && handOver(handOverKey, server, secureEvent);
          if (handedOn) for (const [event, listener] of listeners) server.off(event, listener);
          else server.close();
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
          if (unix && !handedOn) rmSync(options.path as string, { force: true });
          resolve();
        };
        if (signal.aborted) void stop();
        else signal.addEventListener('abort', () => void stop(), { once: true });
      });
    },
  };
}

export const socketSource = defineSource<TcpSourceOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'socket',
  description:
    'Receives events over TCP (optionally TLS) or a unix stream socket, framed and decoded as Vector does.',
  optionsSchema: optionsSchema(true),
  validate: tcpSourceProblems,
  create: (options, context) => createSocketSource(options, context),
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
