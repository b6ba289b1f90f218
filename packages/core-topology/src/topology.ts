import { MemoryBuffer } from '@sluice/buffer-memory';
import {
  type Batch,
  type ComponentContext,
  type ComponentKind,
  type ComponentMetrics,
  ConfigError,
  type Counter,
  cloneLogEvent,
  ErrorCode,
  finalizeEvents,
  type HealthcheckResult,
  type Logger,
  type OutputBatches,
  rateLimitedLog,
  type Sink,
  SluiceError,
  type Source,
  type Transform,
} from '@sluice/component-api';
import { BufferChain, type ChainStage } from './buffer-chain.js';
import type { SinkPlan, TopologyPlan } from './config/plan.js';
import { joinPath } from './config/plan-topology.js';
import { MetricsRegistry } from './metrics.js';
import type { Taps } from './taps.js';

/** Capacity of the channel in front of each transform (the seed: "typically 100 events"). */
export const CHANNEL_CAPACITY = 100;
export const DEFAULT_SHUTDOWN_DEADLINE_MS = 60_000;
const DEFAULT_HEALTHCHECK_TIMEOUT_MS = 10_000;
const PROGRESS_INTERVAL_MS = 5_000;
const YIELD_INTERVAL_MS = 10;

export interface HealthReport {
  componentId: string;
  result: HealthcheckResult;
}

export interface ShutdownReport {
  /** True when every component finished before the deadline. */
  graceful: boolean;
  /** Components still running at the deadline, abandoned. */
  abandoned: string[];
}

/** Events not yet delivered, for the message of an exit that cannot wait for them. */
export interface UnfinishedEvents {
  /** In memory buffer stages and transform channels: lost when the process exits. */
  inMemoryBuffers: number;
  /** In disk buffer stages: kept for the next start. */
  onDisk: number;
  /** Taken by a sink and neither delivered nor counted as discarded by it yet. */
  inFlight: number;
}

export interface TopologyOptions {
  logger: Logger;
  metrics?: MetricsRegistry;
  /**
   * Sinks whose buffer the running topology hands over on a reload (`handOver`): built without
   * buffer stages of their own.
   */
  reuseBuffersOf?: ReadonlySet<string>;
  /** Taps of a running instance (`sluice tap`), kept across reloads. */
  taps?: Taps;
}

interface Counting {
  events: Counter;
  eventBytes: Counter;
}

function countingOf(
  metrics: ComponentMetrics,
  direction: 'received' | 'sent',
  labels?: Readonly<Record<string, string>>,
): Counting {
  return {
    events: metrics.counter(`component_${direction}_events_total`, labels),
    eventBytes: metrics.counter(`component_${direction}_event_bytes_total`, labels),
  };
}

function count(counting: Counting, batch: Batch): void {
  let bytes = 0;
  for (const event of batch) bytes += event.metadata.byteSize;
  counting.events.increment(batch.length);
  counting.eventBytes.increment(bytes);
}

/** `<sink id>.rejected`: the output where a sink sends what it rejected. */
const REJECTED_SUFFIX = '.rejected';

/** Where a component's output goes: every consumer gets each batch (copies for all but the last). */
class Output {
  readonly consumers: BufferChain[] = [];
  /** The ids of the consumers, for taps on their inputs. */
  readonly consumerIds: string[] = [];

  constructor(
    readonly id: string,
    readonly taps: Taps | undefined,
  ) {}

  send(batch: Batch): Promise<void> {
    if (this.taps?.active === true) this.taps.publish(this.id, this.consumerIds, batch);
    const consumers = this.consumers;
    if (consumers.length === 1) return (consumers[0] as BufferChain).write(batch);
    // Nobody reads this output (warned when the config was planned): its events end here.
    if (consumers.length === 0) {
      finalizeEvents(batch, 'dropped');
      return Promise.resolve();
    }
    const writes: Array<Promise<void>> = [];
    for (let index = 0; index < consumers.length; index += 1) {
      const copy = index === consumers.length - 1 ? batch : batch.map(cloneLogEvent);
      writes.push((consumers[index] as BufferChain).write(copy));
    }
    return Promise.all(writes).then(() => undefined);
  }

  done(): void {
    for (const consumer of this.consumers) consumer.producerDone();
  }
}

interface Node {
  id: string;
  kind: ComponentKind;
  finished: boolean;
}

interface SourceEntry {
  source: Source;
  output: Output;
  node: Node;
  sent: Counting;
}

/** One output of a transform and its `component_sent_*` counters. */
interface CountedOutput {
  output: Output;
  sent: Counting;
}

interface TransformEntry {
  transform: Transform;
  input: BufferChain;
  /** Undefined when the transform has no default output (a route). */
  output: CountedOutput | undefined;
  named: ReadonlyMap<string, CountedOutput>;
  node: Node;
  received: Counting;
  errors: Counter;
}

interface SinkEntry {
  sink: Sink;
  plan: SinkPlan;
  /** Undefined until the previous topology hands its buffer over (`reuseBuffersOf`). */
  chain: BufferChain | undefined;
  node: Node;
  received: Counting;
  /** Its `<id>.rejected` output, when some component reads it. */
  rejected: Output | undefined;
  /** Events handed to the sink, and those it has since counted as sent or discarded. */
  taken: number;
  settled: { events: number };
}

/** The sink's metrics, also tallying what it counts as sent or discarded (to know what is in flight). */
function tallyingSettled(metrics: ComponentMetrics, settled: { events: number }): ComponentMetrics {
  return {
    gauge: (name, labels) => metrics.gauge(name, labels),
    histogram: (name, labels) => metrics.histogram(name, labels),
    counter: (name, labels) => {
      const counter = metrics.counter(name, labels);
      if (name !== 'component_sent_events_total' && name !== 'component_discarded_events_total')
        return counter;
      return {
        increment: (value = 1) => {
          settled.events += value;
          counter.increment(value);
        },
      };
    },
  };
}

/**
 * A running pipeline built from a `TopologyPlan`: sources feed transforms through bounded channels,
 * and each sink reads from its buffer chain. Lifecycle: `build` → `healthcheck` → `run`; `shutdown`
 * stops the sources, lets everything drain and the sinks flush, and gives up at the deadline.
 */
export class Topology {
  readonly #plan: TopologyPlan;
  readonly #logger: Logger;
  readonly metrics: MetricsRegistry;
  /** Aborted to ask the sources to stop (graceful shutdown). */
  readonly #stopSources = new AbortController();
  /** Aborted at the deadline: every component must stop at once. */
  readonly #abortAll = new AbortController();
  readonly #sources = new Map<string, SourceEntry>();
  readonly #transforms = new Map<string, TransformEntry>();
  readonly #sinks = new Map<string, SinkEntry>();
  #running: Promise<void> | undefined;
  #shutdown: Promise<ShutdownReport> | undefined;
  readonly #failures: Error[] = [];
  #stagesClosed: Promise<void> | undefined;
  #instancesClosed: Promise<void> | undefined;
  #deadline: { shorten(ms: number): void } | undefined;
  readonly #outputs = new Map<string, Output>();
  readonly #reuseBuffersOf: ReadonlySet<string>;
  readonly #taps: Taps | undefined;
  /** Resolves once every source and transform has finished (their output is in the sinks' buffers). */
  #upstreamFinished: Promise<unknown> | undefined;
  /** Sinks whose buffer went to the next topology: not closed here. */
  readonly #handedOver = new Set<string>();

  private constructor(plan: TopologyPlan, options: TopologyOptions) {
    this.#plan = plan;
    this.#reuseBuffersOf = options.reuseBuffersOf ?? new Set();
    this.#taps = options.taps;
    this.#logger = options.logger;
    this.metrics = options.metrics ?? new MetricsRegistry();
  }

  /** Creates every component (sinks first, then transforms, then sources) and wires them. */
  static async build(plan: TopologyPlan, options: TopologyOptions): Promise<Topology> {
    const topology = new Topology(plan, options);
    try {
      await topology.#build();
    } catch (error) {
      // A build that fails halfway closes what it built.
      await topology.#closeInstances();
      await topology.#closeStages();
      throw error;
    }
    return topology;
  }

  #context(id: string, kind: ComponentKind, type: string, acknowledgements: boolean): ComponentContext {
    return {
      id,
      logger: this.#logger.child({ component_id: id, component_kind: kind, component_type: type }),
      metrics: this.metrics.componentMetrics({
        component_id: id,
        component_kind: kind,
        component_type: type,
      }),
      dataDir: this.#plan.dataDir,
      signal: this.#abortAll.signal,
      acknowledgements,
      internalMetrics: () => this.metrics.samples(),
    };
  }

  /** The plan this topology runs. */
  get plan(): TopologyPlan {
    return this.#plan;
  }

  async #build(): Promise<void> {
    const outputs = this.#outputs;
    for (const id of this.#plan.sources.keys()) outputs.set(id, new Output(id, this.#taps));
    for (const [id, plan] of this.#plan.transforms) {
      if (plan.outputs.default) outputs.set(id, new Output(id, this.#taps));
      for (const name of plan.outputs.named)
        outputs.set(`${id}.${name}`, new Output(`${id}.${name}`, this.#taps));
    }
    // A sink's `<id>.rejected` output exists when some component reads it.
    for (const plan of [...this.#plan.sinks.values(), ...this.#plan.transforms.values()])
      for (const input of plan.inputs)
        if (input.endsWith(REJECTED_SUFFIX) && this.#plan.sinks.has(input.slice(0, -REJECTED_SUFFIX.length)))
          outputs.set(input, new Output(input, this.#taps));

    for (const [id, plan] of this.#plan.sinks) {
      const context = this.#context(id, 'sink', plan.type, plan.acknowledgements);
      const rejected = outputs.get(`${id}${REJECTED_SUFFIX}`);
      if (rejected !== undefined) context.rejected = rejected;
      const stages: ChainStage[] = [];
      const reuse = this.#reuseBuffersOf.has(id);
      try {
        for (const [stageIndex, stagePlan] of reuse ? [] : plan.buffer.entries()) {
          const metrics = this.metrics.bufferMetrics(id, stageIndex, stagePlan.type);
          const stage = await created(stagePlan.path ?? `sinks.${id}.buffer[${stageIndex}]`, () =>
            stagePlan.definition.create(stagePlan.options, {
              sinkId: id,
              stageIndex,
              dataDir: this.#plan.dataDir,
              logger: context.logger.child({ buffer_stage: stageIndex }),
              metrics,
              signal: this.#abortAll.signal,
            }),
          );
          stages.push({ stage, whenFull: stagePlan.whenFull, metrics });
        }
      } catch (error) {
        // Release what was opened (disk locks) before reporting the failure.
        for (const { stage } of stages) await stage.close();
        throw error;
      }
      const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'true' });
      const chain = reuse
        ? undefined
        : new BufferChain(stages, {
            signal: this.#abortAll.signal,
            logger: context.logger,
            onDropped: (dropped) => discarded.increment(dropped),
          });
      const node: Node = { id, kind: 'sink', finished: false };
      const received = countingOf(context.metrics, 'received');
      const settled = { events: 0 };
      let sink: Sink;
      try {
        sink = await created(`sinks.${id}`, () =>
          plan.definition.create(plan.options, {
            ...context,
            metrics: tallyingSettled(context.metrics, settled),
          }),
        );
      } catch (error) {
        await chain?.closeStages();
        throw error;
      }
      this.#sinks.set(id, { sink, plan, chain, node, received, rejected, taken: 0, settled });
    }

    for (const [id, plan] of this.#plan.transforms) {
      const context = this.#context(id, 'transform', plan.type, plan.acknowledgements);
      const input = new BufferChain(
        [{ stage: new MemoryBuffer({ max_events: CHANNEL_CAPACITY }), whenFull: 'block' }],
        {
          signal: this.#abortAll.signal,
        },
      );
      // With named outputs, the sent counters carry Vector's `output` label (`_default` for the default).
      const hasNamed = plan.outputs.named.length > 0;
      const counted = (outputId: string, name: string): CountedOutput => ({
        output: outputs.get(outputId) as Output,
        sent: countingOf(context.metrics, 'sent', hasNamed ? { output: name } : undefined),
      });
      this.#transforms.set(id, {
        transform: await created(`transforms.${id}`, () => plan.definition.create(plan.options, context)),
        input,
        output: plan.outputs.default ? counted(id, '_default') : undefined,
        named: new Map(plan.outputs.named.map((name) => [name, counted(`${id}.${name}`, name)])),
        node: { id, kind: 'transform', finished: false },
        received: countingOf(context.metrics, 'received'),
        errors: context.metrics.counter('component_errors_total', {
          error_type: 'transform_failed',
          stage: 'processing',
        }),
      });
    }

    for (const [id, plan] of this.#plan.sources) {
      const context = this.#context(id, 'source', plan.type, plan.acknowledgements);
      this.#sources.set(id, {
        source: await created(`sources.${id}`, () => plan.definition.create(plan.options, context)),
        output: outputs.get(id) as Output,
        node: { id, kind: 'source', finished: false },
        sent: countingOf(context.metrics, 'sent'),
      });
    }

    for (const entry of this.#transforms.values())
      this.#connect(entry.node.id, this.#plan.transforms.get(entry.node.id)?.inputs ?? [], entry.input);
    for (const entry of this.#sinks.values())
      if (entry.chain !== undefined) this.#connect(entry.node.id, entry.plan.inputs, entry.chain);
  }

  #connect(consumerId: string, inputs: readonly string[], chain: BufferChain): void {
    for (const input of inputs) {
      const output = this.#outputs.get(input);
      if (output === undefined) throw new SluiceError(ErrorCode.topologyInvalid, `unknown input "${input}"`);
      output.consumers.push(chain);
      output.consumerIds.push(consumerId);
      chain.addProducer();
    }
  }

  /**
   * A reload: this running topology stops its sources, lets its transforms drain into the sinks'
   * buffers, then hands the buffers of the sinks `next` was built to reuse (`reuseBuffersOf`) over
   * to `next`, with everything they hold (disk stages stay open on the same files). The sinks here
   * stop taking from those buffers, flush what they hold and finish their in-flight requests; the
   * other sinks (removed, or with a new buffer) deliver their whole buffer first. `run()` resolves
   * once all of that is done. Call `next.run()` after this resolves.
   */
  async handOver(next: Topology): Promise<void> {
    this.#stopSources.abort();
    await this.#upstreamFinished;
    for (const id of next.#reuseBuffersOf) {
      const entry = this.#sinks.get(id);
      const nextEntry = next.#sinks.get(id);
      if (entry?.chain === undefined || nextEntry === undefined)
        throw new SluiceError(ErrorCode.topologyInvalid, `no buffer of sink "${id}" to hand over`);
      await entry.chain.detachReader();
      this.#handedOver.add(id);
      entry.chain.adopt(next.#abortAll.signal);
      nextEntry.chain = entry.chain;
      next.#connect(nextEntry.node.id, nextEntry.plan.inputs, entry.chain);
    }
  }

  /** Runs each enabled sink healthcheck, bounded by a timeout. */
  async healthcheck(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<HealthReport[]> {
    if (!this.#plan.healthchecks.enabled) return [];
    const timeoutMs = options.timeoutMs ?? DEFAULT_HEALTHCHECK_TIMEOUT_MS;
    const checks = [...this.#sinks.values()]
      .filter((entry) => entry.plan.healthcheck && entry.sink.healthcheck !== undefined)
      .map(async (entry): Promise<HealthReport> => {
        const controller = new AbortController();
        const abort = () => controller.abort();
        options.signal?.addEventListener('abort', abort, { once: true });
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<HealthcheckResult>((resolve) => {
          timer = setTimeout(() => {
            controller.abort();
            resolve({ status: 'unhealthy', message: `healthcheck timed out after ${timeoutMs} ms` });
          }, timeoutMs);
          timer.unref();
        });
        try {
          const result = await Promise.race([
            (entry.sink.healthcheck as NonNullable<Sink['healthcheck']>)(controller.signal),
            timedOut,
          ]);
          return { componentId: entry.node.id, result };
        } catch (error) {
          return {
            componentId: entry.node.id,
            result: { status: 'unhealthy', message: error instanceof Error ? error.message : String(error) },
          };
        } finally {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', abort);
        }
      });
    return Promise.all(checks);
  }

  /**
   * Starts every component. Resolves when every sink has finished: the sources ended on their own
   * (or were stopped by `shutdown`) and everything drained. Rejects after the rest has stopped when
   * a component failed.
   */
  run(): Promise<void> {
    this.#running ??= this.#run();
    return this.#running;
  }

  async #run(): Promise<void> {
    const sinkRuns = [...this.#sinks.values()].map((entry) => this.#runSink(entry));
    const transformRuns = [...this.#transforms.values()].map((entry) => this.#runTransform(entry));
    const sourceRuns = [...this.#sources.values()].map((entry) => this.#runSource(entry));
    this.#upstreamFinished = Promise.all([...sourceRuns, ...transformRuns]);
    await Promise.all([...sourceRuns, ...transformRuns, ...sinkRuns]);
    await this.#closeInstances();
    await this.#closeStages();
    if (this.#failures.length > 0) {
      const names = this.#failures.map((failure) => failure.message).join('; ');
      throw new SluiceError(ErrorCode.componentFailed, `pipeline stopped after a component failed: ${names}`);
    }
  }

  async #runSource(entry: SourceEntry): Promise<void> {
    // A source whose downstream never waits on I/O would run on microtasks alone and starve timers,
    // sockets and signals: yield to the event loop at least every YIELD_INTERVAL_MS.
    let lastYield = performance.now();
    const emit = async (batch: Batch): Promise<void> => {
      if (batch.length === 0) return;
      count(entry.sent, batch);
      await entry.output.send(batch);
      if (performance.now() - lastYield > YIELD_INTERVAL_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
    };
    try {
      await entry.source.run(emit, this.#stopSources.signal);
    } catch (error) {
      this.#fail(entry.node, error);
    } finally {
      entry.node.finished = true;
      entry.output.done();
    }
  }

  async #runTransform(entry: TransformEntry): Promise<void> {
    const warn = rateLimitedLog(this.#logger.child({ component_id: entry.node.id }), 'warn');
    try {
      for await (const batch of entry.input.read()) {
        count(entry.received, batch);
        let output: Batch | OutputBatches;
        try {
          output = await entry.transform.transform(batch);
        } catch (error) {
          entry.errors.increment();
          finalizeEvents(batch, 'rejected');
          warn('transform failed; its batch was rejected', { error: String(error), events: batch.length });
          continue;
        }
        if (Array.isArray(output)) {
          await sendCounted(entry.output, output, entry.node.id);
          continue;
        }
        const sends = [sendCounted(entry.output, output.default, entry.node.id)];
        for (const [name, events] of output.named)
          sends.push(sendCounted(entry.named.get(name), events, `${entry.node.id}.${name}`));
        await Promise.all(sends);
      }
    } catch (error) {
      this.#fail(entry.node, error);
    } finally {
      entry.node.finished = true;
      entry.output?.output.done();
      for (const named of entry.named.values()) named.output.done();
    }
  }

  async #runSink(entry: SinkEntry): Promise<void> {
    const received = entry.received;
    const chain = entry.chain;
    if (chain === undefined)
      throw new SluiceError(ErrorCode.topologyInvalid, `sink "${entry.node.id}" has no buffer yet`);
    const input = {
      async *[Symbol.asyncIterator]() {
        for await (const batch of chain.read()) {
          count(received, batch);
          entry.taken += batch.length;
          yield batch;
        }
      },
    };
    try {
      await entry.sink.run(input);
    } catch (error) {
      this.#fail(entry.node, error);
      // Nobody reads this chain any more: stop the rest so upstream does not block forever.
      void this.shutdown();
    } finally {
      entry.node.finished = true;
      entry.rejected?.done();
    }
  }

  #fail(node: Node, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#logger.error(`${node.kind} "${node.id}" failed: ${message}`, { component_id: node.id });
    this.#failures.push(new Error(`${node.kind} "${node.id}": ${message}`));
  }

  /**
   * Graceful shutdown, idempotent: stop the sources, let transforms drain and sinks flush their
   * partial batches and in-flight requests, close buffers; at the deadline abort every component
   * and return anyway.
   */
  shutdown(
    options: { deadlineMs?: number; onProgress?: (message: string) => void } = {},
  ): Promise<ShutdownReport> {
    if (this.#shutdown === undefined) {
      this.#shutdown = this.#shutdownOnce(
        options.deadlineMs ?? DEFAULT_SHUTDOWN_DEADLINE_MS,
        options.onProgress,
      );
    } else if (options.deadlineMs !== undefined) {
      // A later caller (a SIGTERM after a sink failure) may shorten the deadline, never extend it.
      this.#deadline?.shorten(options.deadlineMs);
    }
    return this.#shutdown;
  }

  async #shutdownOnce(deadlineMs: number, onProgress?: (message: string) => void): Promise<ShutdownReport> {
    this.#stopSources.abort();
    const finished = this.run().then(
      () => 'finished' as const,
      () => 'finished' as const,
    );
    const progress = setInterval(() => {
      const waiting = this.#unfinished().map((node) => {
        const sink = this.#sinks.get(node.id);
        return sink === undefined ? node.id : `${node.id} (${sink.chain?.unreadEvents ?? 0} events buffered)`;
      });
      if (waiting.length > 0) onProgress?.(`shutting down; waiting for: ${waiting.join(', ')}`);
    }, PROGRESS_INTERVAL_MS);
    progress.unref();
    let deadline: NodeJS.Timeout | undefined;
    let endsAt = performance.now() + deadlineMs;
    let expire: () => void = () => {};
    const expired = new Promise<'expired'>((resolve) => {
      expire = () => resolve('expired');
    });
    const schedule = () => {
      clearTimeout(deadline);
      deadline = setTimeout(expire, Math.max(0, endsAt - performance.now()));
      deadline.unref();
    };
    schedule();
    this.#deadline = {
      shorten: (ms) => {
        if (performance.now() + ms >= endsAt) return;
        endsAt = performance.now() + ms;
        schedule();
      },
    };
    try {
      if ((await Promise.race([finished, expired])) === 'finished') return { graceful: true, abandoned: [] };
      const abandoned = this.#unfinished().map((node) => node.id);
      this.#logger.warn(`shutdown deadline passed; abandoning: ${abandoned.join(', ')}`);
      this.#abortAll.abort();
      for (const entry of this.#sinks.values())
        if (!this.#handedOver.has(entry.node.id)) entry.chain?.closeWrites();
      await this.#closeInstances();
      await this.#closeStages();
      return { graceful: false, abandoned };
    } finally {
      clearInterval(progress);
      clearTimeout(deadline);
    }
  }

  /** What an exit now would leave undelivered (the second signal's message). */
  unfinishedEvents(): UnfinishedEvents {
    const counts: UnfinishedEvents = { inMemoryBuffers: 0, onDisk: 0, inFlight: 0 };
    for (const entry of this.#transforms.values()) counts.inMemoryBuffers += entry.input.unreadEvents;
    for (const entry of this.#sinks.values()) {
      if (entry.chain === undefined || this.#handedOver.has(entry.node.id)) continue;
      for (const [index, stage] of entry.chain.stages.entries()) {
        if (entry.plan.buffer[index]?.type === 'disk') counts.onDisk += stage.unreadEvents;
        else counts.inMemoryBuffers += stage.unreadEvents;
      }
      counts.inFlight += Math.max(0, entry.taken - entry.settled.events);
    }
    return counts;
  }

  /** Releases what `build` opened (buffer stages, disk locks) for a topology that will not run. */
  async dispose(): Promise<void> {
    await this.#closeInstances();
    await this.#closeStages();
  }

  #unfinished(): Node[] {
    return [
      ...[...this.#sources.values()].map((entry) => entry.node),
      ...[...this.#transforms.values()].map((entry) => entry.node),
      ...[...this.#sinks.values()].map((entry) => entry.node),
    ].filter((node) => !node.finished);
  }

  /** Closes every instance once, in the order the data flows: sources, transforms, sinks. */
  #closeInstances(): Promise<void> {
    this.#instancesClosed ??= (async () => {
      const instances: Array<[string, { close?(): Promise<void> }]> = [
        ...[...this.#sources].map(
          ([id, entry]) => [id, entry.source] as [string, { close?(): Promise<void> }],
        ),
        ...[...this.#transforms].map(
          ([id, entry]) => [id, entry.transform] as [string, { close?(): Promise<void> }],
        ),
        ...[...this.#sinks].map(([id, entry]) => [id, entry.sink] as [string, { close?(): Promise<void> }]),
      ];
      for (const [id, instance] of instances) {
        try {
          await instance.close?.();
        } catch (error) {
          this.#logger.error(`closing "${id}" failed: ${String(error)}`);
        }
      }
    })();
    return this.#instancesClosed;
  }

  #closeStages(): Promise<void> {
    this.#stagesClosed ??= (async () => {
      for (const entry of this.#sinks.values()) {
        if (this.#handedOver.has(entry.node.id)) continue;
        try {
          await entry.chain?.closeStages();
        } catch (error) {
          this.#logger.error(`closing the buffer of "${entry.node.id}" failed: ${String(error)}`);
        }
      }
    })();
    return this.#stagesClosed;
  }
}

/** Counts and sends a batch to one output of a transform; an output it does not declare is an error. */
function sendCounted(target: CountedOutput | undefined, batch: Batch, outputId: string): Promise<void> {
  if (batch.length === 0) return Promise.resolve();
  if (target === undefined) {
    finalizeEvents(batch, 'rejected');
    throw new SluiceError(ErrorCode.topologyInvalid, `the transform has no output "${outputId}"`);
  }
  count(target.sent, batch);
  return target.output.send(batch);
}

/**
 * What `create` made, or its error re-thrown with the component's path in the config
 * (`sinks.k.buffer[1].max_size`) and the original error as its cause.
 */
async function created<Instance>(
  path: string,
  create: () => Instance | Promise<Instance>,
): Promise<Instance> {
  try {
    return await create();
  } catch (error) {
    throw withComponentPath(path, error);
  }
}

export function withComponentPath(path: string, error: unknown): SluiceError {
  if (SluiceError.isInstance(error)) {
    const problems = (error as Partial<ConfigError>).problems;
    if (problems !== undefined)
      return new ConfigError(
        problems.map((problem) => ({ ...problem, path: joinPath(path, problem.path) })),
        error.code,
        { cause: error },
      );
    return new SluiceError(error.code, `${path}: ${error.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SluiceError(ErrorCode.componentCreate, `${path}: ${message}`, { cause: error });
}
