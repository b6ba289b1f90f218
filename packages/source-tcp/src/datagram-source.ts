import { isIPv4 } from 'node:net';
import {
  type ComponentContext,
  currentTimestamp,
  type Emit,
  type FieldMap,
  type LogEvent,
  type OptionProblem,
  rateLimitedLog,
  refuseInvalidOptions,
  type Source,
} from '@sluice/component-api';
import { type FramingConfig, SourceDecoding } from '@sluice/encoding';
import type { TcpSourceOptions } from './options.js';

/** Vector's `default_max_length` of a datagram: longer ones are cut, and their last frame dropped. */
export const DEFAULT_MAX_DATAGRAM_BYTES = 102_400;
/**
 * Datagrams held while downstream has not taken the previous ones. A datagram socket cannot push
 * back on its sender: beyond this, datagrams are dropped and counted (Vector stops reading and
 * lets the kernel drop them, uncounted).
 */
export const MAX_PENDING_DATAGRAM_BYTES = 8 * 1024 * 1024;

/** The options of each of Vector's datagram modes (`UdpConfig`, `UnixConfig`): others are refused. */
const MODE_OPTIONS: Readonly<Record<'udp' | 'unix_datagram', readonly string[]>> = {
  udp: [
    'mode',
    'address',
    'multicast_groups',
    'multicast_interface',
    'max_length',
    'host_key',
    'port_key',
    'receive_buffer_bytes',
    'framing',
    'decoding',
  ],
  unix_datagram: ['mode', 'path', 'socket_file_mode', 'host_key', 'framing', 'decoding'],
};

/** Options every mode gets from the schema's defaults, not set by the user. */
const DEFAULTED = new Set(['shutdown_timeout_secs', 'host_key', 'port_key']);

/** The checks of the udp and unix_datagram modes: where to listen, and only the options of the mode. */
export function datagramSourceProblems(
  options: TcpSourceOptions,
  given?: ReadonlySet<string>,
): OptionProblem[] {
  const mode = options.mode as 'udp' | 'unix_datagram';
  const problems: OptionProblem[] = [];
  const allowed = MODE_OPTIONS[mode];
  for (const key of given ?? Object.keys(options))
    if (!allowed.includes(key) && !DEFAULTED.has(key))
      problems.push({
        path: key,
        message: `is not an option of mode "${mode}" (it has: ${allowed.join(', ')})`,
      });
  if (mode === 'udp') {
    options.multicast_groups?.forEach((group, index) => {
      if (!isIPv4(group))
        problems.push({
          path: `multicast_groups[${index}]`,
          message: `must be an IPv4 address (got "${group}")`,
        });
    });
    if (options.multicast_interface !== undefined && !isIPv4(options.multicast_interface))
      problems.push({
        path: 'multicast_interface',
        message: `must be an IPv4 address (got "${options.multicast_interface}")`,
      });
    if (options.address === undefined)
      problems.push({ path: 'address', message: 'is required with mode = "udp"' });
    else if (!/^\[?[^\]]*\]?:\d+$/.test(options.address))
      problems.push({ path: 'address', message: `must be "ip:port" (got "${options.address}")` });
  } else if (options.path === undefined)
    problems.push({ path: 'path', message: 'is required with mode = "unix_datagram"' });
  return problems;
}

/** Where datagrams come from: a UDP or unix datagram socket, bound and unbound by its owner. */
export interface DatagramReceiver {
  /** Binds and starts delivering; resolves once bound (rejects when it cannot be). */
  start(onDatagram: (datagram: Buffer, peer: { host: string; port?: number }) => void): Promise<string>;
  /** The longest datagram it can hand over whole (a longer one may arrive cut). */
  readonly maxReceivable: number;
  close(): Promise<void>;
}

/**
 * A datagram source (socket in udp or unix_datagram mode, as Vector's): each datagram framed on
 * its own (by default one datagram is one event), cut at `max_length` with its last frame dropped
 * and counted, the peer's address in `host_key` (and `port_key` for udp). Downstream's backpressure
 * holds datagrams up to MAX_PENDING_DATAGRAM_BYTES; beyond, they are dropped and counted.
 */
export function createDatagramSource(
  options: TcpSourceOptions,
  context: ComponentContext,
  receiver: DatagramReceiver,
  withPort: boolean,
): Source & { address(): Promise<string> } {
  refuseInvalidOptions(datagramSourceProblems(options));
  // Vector frames a datagram as one message (`bytes`) unless told otherwise.
  const framing: FramingConfig = options.framing ?? { method: 'bytes' };
  const decoding = new SourceDecoding({ framing, decoding: options.decoding }, context);
  let maxLength = options.max_length ?? DEFAULT_MAX_DATAGRAM_BYTES;
  if (options.receive_buffer_bytes !== undefined)
    maxLength = Math.min(maxLength, options.receive_buffer_bytes);
  const metrics = {
    receivedBytes: context.metrics.counter('component_received_bytes_total', {
      protocol: withPort ? 'udp' : 'unix',
    }),
    discarded: context.metrics.counter('component_discarded_events_total', { intentional: 'false' }),
    oversized: context.metrics.counter('component_errors_total', {
      error_type: 'oversized_datagram',
      stage: 'receiving',
    }),
    overflow: context.metrics.counter('component_errors_total', {
      error_type: 'buffer_full',
      stage: 'receiving',
    }),
  };
  const warnOversized = rateLimitedLog(context.logger, 'warn');
  const warnOverflow = rateLimitedLog(context.logger, 'warn');
  if (context.acknowledgements)
    context.logger.warn('a datagram socket has no acknowledgements: this source cannot honour them');
  let resolveAddress: (address: string) => void = () => {};
  const address = new Promise<string>((resolve) => {
    resolveAddress = resolve;
  });

  const eventsOf = (datagram: Buffer, peer: { host: string; port?: number }): LogEvent[] => {
    // Vector reads max_length + 1 bytes: a longer datagram is cut, and its cut frame dropped.
    const cut = datagram.length > maxLength || datagram.length >= receiver.maxReceivable;
    const payload = cut ? datagram.subarray(0, maxLength) : datagram;
    const framer = decoding.newFramer();
    const first = framer.push(payload);
    const last = framer.end();
    const frames = [...first.lines, ...last.lines];
    decoding.account(first, peer.host);
    decoding.account(last, peer.host);
    if (cut) {
      if (frames.length > 0) frames.pop();
      metrics.oversized.increment();
      metrics.discarded.increment();
      warnOversized('Discarding frame larger than max_length.', { max_length: maxLength, peer: peer.host });
    }
    if (frames.length === 0) return [];
    const fields: FieldMap = { timestamp: currentTimestamp(), source_type: 'socket' };
    if (options.host_key !== '') fields[options.host_key] = peer.host;
    if (withPort && options.port_key !== '' && peer.port !== undefined) fields[options.port_key] = peer.port;
    return decoding.toEvents(frames, fields);
  };

  return {
    address: () => address,
    async run(emit: Emit, signal: AbortSignal) {
      let pending: Array<{ datagram: Buffer; peer: { host: string; port?: number } }> = [];
      let pendingBytes = 0;
      let wake: (() => void) | undefined;
      const bound = await receiver.start((datagram, peer) => {
        metrics.receivedBytes.increment(datagram.length);
        if (pendingBytes + datagram.length > MAX_PENDING_DATAGRAM_BYTES) {
          metrics.overflow.increment();
          metrics.discarded.increment();
          warnOverflow('datagram dropped: downstream is not keeping up and the pending datagrams are full', {
            pending_bytes: pendingBytes,
          });
          return;
        }
        pending.push({ datagram, peer });
        pendingBytes += datagram.length;
        wake?.();
      });
      resolveAddress(bound);
      const stopped = new Promise<void>((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener('abort', () => resolve(), { once: true });
      });
      try {
        while (!signal.aborted) {
          if (pending.length === 0) {
            await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stopped]);
            wake = undefined;
            continue;
          }
          const taken = pending;
          pending = [];
          pendingBytes = 0;
          const batch = taken.flatMap(({ datagram, peer }) => eventsOf(datagram, peer));
          if (batch.length > 0) await emit(batch);
        }
      } finally {
        await receiver.close();
        // What arrived before the socket closed is delivered, never dropped at shutdown.
        const batch = pending.flatMap(({ datagram, peer }) => eventsOf(datagram, peer));
        if (batch.length > 0) await emit(batch);
      }
    },
  };
}
