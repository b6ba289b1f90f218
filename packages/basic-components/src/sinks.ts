import type { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  byteSizeOf,
  type ComponentContext,
  createRejecter,
  defineSink,
  finalizeEvents,
  type Sink,
  SPECIFICATION_VERSION,
  untilAborted,
} from '@sluice/component-api';
import {
  createFramedEncoder,
  type EncodingConfig,
  encodingOptionSchema,
  encodingProblems,
  type SinkFramingConfig,
  sinkFramingOptionSchema,
} from '@sluice/encoding';
import { encodingFailureHandler } from './encoding-failures.js';

export interface ConsoleOptions {
  target: 'stdout' | 'stderr';
  encoding?: EncodingConfig;
  framing?: SinkFramingConfig;
}

/** The first error of each output stream: a closed stdout (EPIPE) stays closed for the process. */
const brokenOutputs = new WeakMap<Writable, Error>();

/**
 * Records the stream's errors instead of letting an unhandled 'error' event end the process (Node's
 * default for a closed stdout). Attached once per stream, for good: the event may come after the
 * last write's callback, when no sink is listening any more.
 */
function watchOutput(output: Writable): void {
  if (output.listeners('error').includes(recordBroken)) return;
  output.on('error', recordBroken);
}

function recordBroken(this: Writable, error: Error): void {
  if (!brokenOutputs.has(this)) brokenOutputs.set(this, error);
}

/**
 * Writes each event, framed (one line by default); the definition binds it to stdout or stderr.
 * When the stream fails (stdout closed: EPIPE, as when journald restarts), the events it could not
 * take are rejected and counted, and so is everything after: the sink goes on, so do the other
 * pipelines. Vector's console sink stops instead.
 */
export function createConsoleSink(
  options: ConsoleOptions,
  output: Writable,
  context: Pick<ComponentContext, 'id' | 'metrics' | 'logger' | 'signal' | 'rejected'>,
): Sink {
  const encoder = createFramedEncoder(options.encoding, options.framing);
  const rejectUnencodable = encodingFailureHandler(context);
  const reject = createRejecter(context);
  const sentEvents = context.metrics.counter('component_sent_events_total');
  const sentEventBytes = context.metrics.counter('component_sent_event_bytes_total');
  const sentBytes = context.metrics.counter('component_sent_bytes_total');
  watchOutput(output);
  /** Resolves with the stream's error, or undefined once the bytes left the process. */
  const write = (bytes: Buffer) =>
    new Promise<Error | undefined>((resolve) => {
      const broken = brokenOutputs.get(output);
      if (broken !== undefined || output.destroyed) {
        resolve(broken ?? new Error('the output stream is closed'));
        return;
      }
      output.write(bytes, (error) => resolve(error ?? undefined));
    });
  return {
    // Each batch is finalized before the next is pulled.
    maxHeldEvents: 0,
    async run(input) {
      for await (const batch of untilAborted(input, context.signal)) {
        const { bytes, written, failed } = encoder.encodeBatch(batch);
        await rejectUnencodable(failed);
        // The write callback says the bytes left the process; only then are the events delivered.
        const error = await write(bytes);
        if (error !== undefined) {
          await reject(written, {
            code: 'write_failed',
            type: 'writer_failed',
            message: `cannot write to ${options.target}: ${error.message}`,
          });
          continue;
        }
        finalizeEvents(written, 'delivered');
        sentEvents.increment(written.length);
        sentEventBytes.increment(byteSizeOf(written));
        sentBytes.increment(bytes.length);
      }
    },
  };
}

export const consoleSink = defineSink<ConsoleOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'console',
  description: 'Writes events to standard output or standard error, one per line (or as framing says).',
  inputTypes: ['log', 'metric'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      target: {
        type: 'string',
        enum: ['stdout', 'stderr'],
        default: 'stdout',
        description: 'Where to write.',
      },
      encoding: encodingOptionSchema,
      framing: sinkFramingOptionSchema,
    },
  },
  validate: (options) => encodingProblems(options.encoding),
  create: (options, context) =>
    createConsoleSink(options, options.target === 'stderr' ? process.stderr : process.stdout, context),
});

export interface BlackholeOptions {
  print_interval_secs: number;
  rate?: number;
  print_amount?: number;
}

/**
 * When a batch may be consumed at `rate` events per second, as Vector's blackhole: each batch is
 * due `count / rate` seconds after the previous one was due (the first after `now`).
 */
export function paceUntil(previousDue: number | undefined, now: number, count: number, rate: number): number {
  return (previousDue ?? now) + (count / rate) * 1000;
}

export const blackholeSink = defineSink<BlackholeOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'blackhole',
  description: 'Accepts and discards every event (counted as delivered); for benchmarks and tests.',
  inputTypes: ['log', 'metric'],
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      print_interval_secs: {
        type: 'number',
        minimum: 0,
        default: 0,
        description: 'Log the totals every this many seconds; 0 never.',
      },
      rate: {
        type: 'integer',
        minimum: 1,
        description: 'Consume at most this many events per second (backpressure upstream); unset: no limit.',
      },
      print_amount: {
        type: 'integer',
        minimum: 0,
        deprecated: true,
        description:
          "Vector's old option (log every this many events); accepted and ignored with a warning: use print_interval_secs.",
      },
    },
  },
  create(options, context) {
    const sentEvents = context.metrics.counter('component_sent_events_total');
    const sentEventBytes = context.metrics.counter('component_sent_event_bytes_total');
    if (options.print_amount !== undefined)
      context.logger.warn(
        'blackhole: print_amount is an old Vector option, ignored; use print_interval_secs',
      );
    return {
      maxHeldEvents: 0,
      async run(input) {
        let total = 0;
        let due: number | undefined;
        const timer =
          options.print_interval_secs > 0
            ? setInterval(
                () => context.logger.info('blackhole totals', { events: total }),
                options.print_interval_secs * 1000,
              )
            : undefined;
        timer?.unref();
        try {
          for await (const batch of untilAborted(input, context.signal)) {
            if (options.rate !== undefined) {
              due = paceUntil(due, Date.now(), batch.length, options.rate);
              const wait = due - Date.now();
              // Aborted means stop at once: the batch stays unfinalized, as any abandoned one.
              if (wait > 0) await sleep(wait, undefined, { signal: context.signal }).catch(() => undefined);
              if (context.signal.aborted) return;
            }
            finalizeEvents(batch, 'delivered');
            total += batch.length;
            sentEvents.increment(batch.length);
            sentEventBytes.increment(byteSizeOf(batch));
          }
        } finally {
          clearInterval(timer);
        }
      },
    };
  },
});
