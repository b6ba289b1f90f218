import { fork } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import basicComponents from '@sluice/basic-components';
import buffersDisk from '@sluice/buffer-disk';
import buffersMemory from '@sluice/buffer-memory';
import {
  type Batch,
  type ComponentContext,
  type Counter,
  createLogEvent,
  defineSink,
  finalizeEvents,
  type LogEvent,
  type Logger,
  SPECIFICATION_VERSION,
  silentLogger,
} from '@sluice/component-api';
import { ComponentRegistry } from '@sluice/core-topology';
import sinkKinesis from '@sluice/sink-kinesis';
import sourceFile from '@sluice/source-file';
import sourceTcp from '@sluice/source-tcp';

export { freePort } from '@sluice/kinesis-local';

const here = dirname(fileURLToPath(import.meta.url));

/** Sends `total` lines of `size` bytes from a separate process; resolves when it has sent them all. */
export async function sendLines(port: number, total: number, size: number, connections = 4): Promise<void> {
  const child = fork(
    join(here, 'load-client.js'),
    [String(port), String(total), String(size), String(connections)],
    {
      stdio: 'inherit',
    },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`load client exited with ${code}`);
}

/** Resolves once `count` events reached the `bench_counter` sink of the current run. */
export const counter = {
  target: 0,
  seen: 0,
  done: Promise.resolve(),
  resolve: () => {},
  reset(target: number): void {
    this.target = target;
    this.seen = 0;
    this.done = new Promise((resolve) => {
      this.resolve = resolve;
    });
  },
};

/** A blackhole that also tells the benchmark when every event has arrived. */
const counterSink = defineSink<Record<string, never>>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'bench_counter',
  description: 'Counts and discards events (a blackhole that signals the benchmark).',
  optionsSchema: { type: 'object', properties: {} },
  create(_options, context) {
    const sent: Counter = context.metrics.counter('component_sent_events_total');
    return {
      async run(input: AsyncIterable<Batch>) {
        for await (const batch of input) {
          finalizeEvents(batch, 'delivered');
          sent.increment(batch.length);
          counter.seen += batch.length;
          if (counter.seen >= counter.target) counter.resolve();
        }
      },
    };
  },
});

export function benchRegistry(): ComponentRegistry {
  const registry = new ComponentRegistry();
  for (const [name, definitions] of Object.entries({
    '@sluice/source-tcp': sourceTcp,
    '@sluice/source-file': sourceFile,
    '@sluice/basic-components': basicComponents,
    '@sluice/buffer-memory': buffersMemory,
    '@sluice/buffer-disk': buffersDisk,
    '@sluice/sink-kinesis': sinkKinesis,
    bench: [counterSink],
  })) {
    registry.register(definitions, name);
  }
  return registry;
}

export const quietLogger: Logger = silentLogger;

/**
 * A line of exactly `size` bytes (without the newline), numbered. A flat string, as a source makes
 * from the bytes it receives: a concatenation is a rope, and the first code to read it (the subject
 * being measured) would pay for flattening it.
 */
export function line(size: number, index: number): string {
  const suffix = ` ${index}`;
  return Buffer.from(`${'x'.repeat(Math.max(0, size - suffix.length))}${suffix}`).toString('latin1');
}

const noopInstrument = { increment() {}, set() {}, decrement() {}, observe() {} };

/** Metrics that record nothing: a subject measured alone pays no registry. */
export const noopMetrics: ComponentContext['metrics'] = {
  counter: () => noopInstrument,
  gauge: () => noopInstrument,
  histogram: () => noopInstrument,
};

/** The context of a sink measured alone: no metrics, no logs, never aborted, no acknowledgements. */
export function sinkAloneContext(): ComponentContext {
  return {
    id: 'bench',
    logger: silentLogger,
    metrics: noopMetrics,
    dataDir: undefined,
    signal: new AbortController().signal,
    acknowledgements: false,
  };
}

/** `total` events whose message is a numbered `size`-byte line, in batches of `batchSize`. */
export function* lineBatches(total: number, size: number, batchSize = 500): Generator<LogEvent[]> {
  for (let index = 0; index < total; index += batchSize)
    yield Array.from({ length: Math.min(batchSize, total - index) }, (_, offset) =>
      createLogEvent({ message: line(size, index + offset) }, { byteSize: size }),
    );
}
