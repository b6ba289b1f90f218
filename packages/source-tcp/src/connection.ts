import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  type Batch,
  type ComponentContext,
  type Counter,
  createLogEvent,
  currentTimestamp,
  type Emit,
  type FieldMap,
  finalizeEvents,
  type LogEvent,
  rateLimitedLog,
} from '@sluice/component-api';
import { EVENT_OVERHEAD_BYTES, type SourceDecoding } from '@sluice/encoding';
import type { TcpSourceOptions } from './options.js';
import { distinguishedName } from './tls.js';

type CutOffReason = 'connection_reset' | 'idle_timeout';

/** What every connection of one source shares. */
export interface ConnectionSetup {
  options: TcpSourceOptions;
  context: Pick<ComponentContext, 'metrics' | 'logger'>;
  decoding: SourceDecoding;
  sourceType: string;
  unix: boolean;
  tls: boolean;
  receivedBytes: Counter;
  receivedEvents: Counter;
  receivedEventBytes: Counter;
  discarded: Counter;
}

/**
 * Reads one connection until it ends: frames, events in batches, backpressure (reads pause while
 * downstream takes a batch), and the counting of a frame cut off by a reset or an idle timeout.
 * Resolves once its last batch was emitted.
 */
export function connectionHandler(setup: ConnectionSetup): (socket: Socket, emit: Emit) => Promise<void> {
  const { options, context, decoding, sourceType, unix } = setup;
  // The counters, under the name the handler used inside createTcpSource.
  const metrics = setup;
  const cutOff = (reason: CutOffReason) =>
    context.metrics.counter('component_errors_total', { error_type: reason, stage: 'receiving' });
  const cutOffCounters = {
    connection_reset: cutOff('connection_reset'),
    idle_timeout: cutOff('idle_timeout'),
  };
  const warnCutOff = rateLimitedLog(context.logger, 'warn');
  const emitErrors = context.metrics.counter('component_errors_total', {
    error_code: 'emit_failed',
    error_type: 'emit_failed',
    stage: 'sending',
  });
  const logEmitFailed = rateLimitedLog(context.logger, 'error');
  /** A batch downstream did not take: never lost silently. */
  const emitFailed = (batch: Batch, error: unknown) => {
    finalizeEvents(batch, 'rejected');
    emitErrors.increment();
    metrics.discarded.increment(batch.length);
    logEmitFailed(
      `a batch could not be passed downstream; its events are lost: ${String((error as Error)?.message ?? error)}`,
      {
        events: batch.length,
      },
    );
  };
  return (socket, emit) => {
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
      setup.tls && options.tls?.client_metadata_key !== undefined
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
          .catch((error: unknown) => emitFailed(batch, error))
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
            warnCutOff(`partial frame dropped: the connection ended by ${cutOffBy} before its delimiter`, {
              peer,
            });
          }
          void pending.then(resolve);
          return;
        }
        const framed = framer.end();
        decoding.account(framed, peer);
        if (framed.lines.length > 0) {
          const batch = toBatch(framed.lines);
          if (batch.length > 0)
            pending = pending.then(() => emit(batch)).catch((error: unknown) => emitFailed(batch, error));
        }
        void pending.then(resolve);
      });
    });
  };
}
