import { MemoryBuffer } from '@sluice/buffer-memory';
import {
  type Batch,
  type ComponentContext,
  type ComponentKind,
  type Counter,
  ErrorCode,
  finalizeEvents,
  type Logger,
  type OutputBatches,
  rateLimitedLog,
  type Sink,
  SluiceError,
  type Source,
  type SourceDefinition,
  type Transform,
} from '@sluice/component-api';
import { BufferChain, type ChainStage } from './buffer-chain.js';
import { created } from './component-path.js';
import type { ComponentPlan, SinkPlan, TopologyPlan, TransformPlan } from './config/plan.js';
import { type Counting, count, countingOf, tallyingSettled } from './counting.js';
import { type HealthReport, runHealthchecks } from './healthchecks.js';
import { MetricsRegistry } from './metrics.js';
import { Output, REJECTED_SUFFIX } from './output.js';
import type { Taps } from './taps.js';

/** Capacity of the channel in front of each transform (the seed: "typically 100 events"). */
export const CHANNEL_CAPACITY = 100;
export const DEFAULT_SHUTDOWN_DEADLINE_MS = 60_000;
const PROGRESS_INTERVAL_MS = 5_000;
const YIELD_INTERVAL_MS = 10;

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
  /** Taps of a running instance (`sluice tap`), kept across reloads. */
  taps?: Taps;
}

/** What a reload replaces or keeps, by component id (see `diffPlans`). */
export interface ReloadChanges {
  /** Components in both configs that are rebuilt: the others keep running untouched. */
  changed: ReadonlySet<string>;
  /** Rebuilt sinks that take over the buffer of the instance they replace, with what it holds. */
  reuseBuffersOf: ReadonlySet<string>;
}

interface Node {
  id: string;
  kind: ComponentKind;
  finished: boolean;
}

/** What every running instance has: its run, once started, and its close, once begun. */
interface Instance {
  node: Node;
  running: Promise<void> | undefined;
  closed: Promise<void> | undefined;
  /** A failure of an instance a reload retired: the reload's to report, not the pipeline's. */
  failure: Error | undefined;
}

interface SourceEntry extends Instance {
  kind: 'source';
  source: Source;
  output: Output;
  sent: Counting;
  /** Aborted to stop this source alone (a reload replaces or removes it). */
  stop: AbortController;
}

/** One output of a transform and its `component_sent_*` counters. */
interface CountedOutput {
  output: Output;
  sent: Counting;
}

interface TransformEntry extends Instance {
  kind: 'transform';
  transform: Transform;
  inputs: readonly string[];
  input: BufferChain;
  /** Undefined when the transform has no default output (a route). */
  output: CountedOutput | undefined;
  named: ReadonlyMap<string, CountedOutput>;
  received: Counting;
  errors: Counter;
  discarded: Counter;
}

interface SinkEntry extends Instance {
  kind: 'sink';
  sink: Sink;
  plan: SinkPlan;
  chain: BufferChain;
  /** The chain went to the instance that replaced this one: not closed nor counted here. */
  chainHandedOver: boolean;
  received: Counting;
  /** Its `<id>.rejected` output, when some component reads it. */
  rejected: Output | undefined;
  /** Events handed to the sink, and those it has since counted as sent or discarded. */
  taken: number;
  settled: { events: number };
}

type Entry = SourceEntry | TransformEntry | SinkEntry;

/** Whether some component of `plan` reads `<sinkId>.rejected`. */
export function rejectedIsRead(plan: TopologyPlan, sinkId: string): boolean {
  const name = `${sinkId}${REJECTED_SUFFIX}`;
  return [...plan.sinks.values(), ...plan.transforms.values()].some((component) =>
    component.inputs.includes(name),
  );
}

/**
 * A running pipeline built from a `TopologyPlan`: sources feed transforms through bounded channels,
 * and each sink reads from its buffer chain. Lifecycle: `build` → `healthcheck` → `run`; `reload`
 * swaps what a new plan changed while the rest keeps running; `shutdown` stops the sources, lets
 * everything drain and the sinks flush, and gives up at the deadline.
 */
export class Topology {
  #plan: TopologyPlan;
  readonly #logger: Logger;
  readonly metrics: MetricsRegistry;
  /** Aborted to ask the sources to stop (graceful shutdown). */
  readonly #stopSources = new AbortController();
  /** Aborted at the deadline: every component must stop at once. */
  readonly #abortAll = new AbortController();
  #sources = new Map<string, SourceEntry>();
  #transforms = new Map<string, TransformEntry>();
  #sinks = new Map<string, SinkEntry>();
  /** Instances a reload replaced or removed, until they have finished and closed. */
  readonly #retiring = new Set<Entry>();
  /** Every instance's run: the pipeline has finished once all of them have, reloads included. */
  readonly #runs: Array<Promise<void>> = [];
  #running: Promise<void> | undefined;
  #finished = false;
  #reloading: Promise<unknown> | undefined;
  #shutdown: Promise<ShutdownReport> | undefined;
  readonly #failures: Error[] = [];
  #allClosed: Promise<void> | undefined;
  #deadline: { shorten(ms: number): void } | undefined;
  readonly #taps: Taps | undefined;

  private constructor(plan: TopologyPlan, options: TopologyOptions) {
    this.#plan = plan;
    this.#taps = options.taps;
    this.#logger = options.logger;
    this.metrics = options.metrics ?? new MetricsRegistry();
  }

  /** Creates every component (sinks first, then transforms, then sources) and wires them. */
  static async build(plan: TopologyPlan, options: TopologyOptions): Promise<Topology> {
    const topology = new Topology(plan, options);
    // A build that fails halfway closes what it built (`#apply`); nothing retires.
    await topology.#apply(plan, { changed: new Set(), reuseBuffersOf: new Set() });
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

  async #buildSink(
    plan: SinkPlan,
    rejectedRead: boolean,
    reused: BufferChain | undefined,
  ): Promise<SinkEntry> {
    const id = plan.id;
    const context = this.#context(id, 'sink', plan.type, plan.acknowledgements);
    const rejected = rejectedRead ? new Output(`${id}${REJECTED_SUFFIX}`, this.#taps) : undefined;
    if (rejected !== undefined) context.rejected = rejected;
    const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'true' });
    let chain = reused;
    if (chain === undefined) {
      const stages: ChainStage[] = [];
      try {
        for (const [stageIndex, stagePlan] of plan.buffer.entries()) {
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
      chain = new BufferChain(stages, {
        signal: this.#abortAll.signal,
        logger: context.logger,
        onDropped: (dropped) => discarded.increment(dropped),
      });
    }
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
      if (reused === undefined) await chain.closeStages();
      throw error;
    }
    return {
      ...fresh(id, 'sink'),
      kind: 'sink',
      sink,
      plan,
      chain,
      chainHandedOver: false,
      received: countingOf(context.metrics, 'received'),
      rejected,
      taken: 0,
      settled,
    };
  }

  async #buildTransform(plan: TransformPlan): Promise<TransformEntry> {
    const context = this.#context(plan.id, 'transform', plan.type, plan.acknowledgements);
    const transform = await created(`transforms.${plan.id}`, () =>
      plan.definition.create(plan.options, context),
    );
    // With named outputs, the sent counters carry Vector's `output` label (`_default` for the default).
    const hasNamed = plan.outputs.named.length > 0;
    const counted = (outputId: string, name: string): CountedOutput => ({
      output: new Output(outputId, this.#taps),
      sent: countingOf(context.metrics, 'sent', hasNamed ? { output: name } : undefined),
    });
    return {
      ...fresh(plan.id, 'transform'),
      kind: 'transform',
      transform,
      inputs: plan.inputs,
      input: new BufferChain(
        [{ stage: new MemoryBuffer({ max_events: CHANNEL_CAPACITY }), whenFull: 'block' }],
        {
          signal: this.#abortAll.signal,
        },
      ),
      output: plan.outputs.default ? counted(plan.id, '_default') : undefined,
      named: new Map(plan.outputs.named.map((name) => [name, counted(`${plan.id}.${name}`, name)])),
      received: countingOf(context.metrics, 'received'),
      errors: context.metrics.counter('component_errors_total', {
        error_code: 'transform_failed',
        error_type: 'transform_failed',
        stage: 'processing',
      }),
      discarded: context.metrics.counter('component_discarded_events_total', { intentional: 'false' }),
    };
  }

  async #buildSource(plan: ComponentPlan<SourceDefinition>): Promise<SourceEntry> {
    const context = this.#context(plan.id, 'source', plan.type, plan.acknowledgements);
    return {
      ...fresh(plan.id, 'source'),
      kind: 'source',
      source: await created(`sources.${plan.id}`, () => plan.definition.create(plan.options, context)),
      output: new Output(plan.id, this.#taps),
      sent: countingOf(context.metrics, 'sent'),
      stop: new AbortController(),
    };
  }

  /**
   * Makes `plan` the running one. Components of the current plan that are in `plan` and not
   * `changes.changed` keep running untouched (their connections, state and buffers); the others
   * are built (sinks first, then transforms, then sources; a failure closes what was built and
   * changes nothing), every output is rewired to the consumers `plan` gives it, and what is replaced
   * or removed retires: sources stop, transforms drain what they were sent, sinks deliver their
   * buffer (or hand it to the sink replacing them) and flush. A replacement source starts once the
   * instance it replaces has stopped (its port is free), a replacement transform once the old one
   * has drained (events keep their order). Resolves with a promise of the retired instances'
   * end (rejected when one of them failed).
   */
  async #apply(plan: TopologyPlan, changes: ReloadChanges): Promise<{ retired: Promise<void> }> {
    // A component that has finished, or whose input is closed, cannot take new inputs: rebuilt.
    const kept = (entry: Entry | undefined): boolean =>
      entry !== undefined &&
      !changes.changed.has(entry.node.id) &&
      !entry.node.finished &&
      !(entry.kind === 'transform' && entry.input.writesClosed) &&
      !(entry.kind === 'sink' && entry.chain.writesClosed);
    const built: Entry[] = [];
    const sinks = new Map<string, SinkEntry>();
    const transforms = new Map<string, TransformEntry>();
    const sources = new Map<string, SourceEntry>();
    try {
      for (const [id, sinkPlan] of plan.sinks) {
        const current = this.#sinks.get(id);
        if (current !== undefined && kept(current)) {
          sinks.set(id, current);
          continue;
        }
        const reused = changes.reuseBuffersOf.has(id) ? current?.chain : undefined;
        const entry = await this.#buildSink(sinkPlan, rejectedIsRead(plan, id), reused);
        built.push(entry);
        sinks.set(id, entry);
      }
      for (const [id, transformPlan] of plan.transforms) {
        const current = this.#transforms.get(id);
        const entry =
          current !== undefined && kept(current) ? current : await this.#buildTransform(transformPlan);
        if (entry !== current) built.push(entry);
        transforms.set(id, entry);
      }
      for (const [id, sourcePlan] of plan.sources) {
        const current = this.#sources.get(id);
        const entry = current !== undefined && kept(current) ? current : await this.#buildSource(sourcePlan);
        if (entry !== current) built.push(entry);
        sources.set(id, entry);
      }
    } catch (error) {
      await closeInOrder(built, (entry) =>
        this.#close(entry, { stages: !changes.reuseBuffersOf.has(entry.node.id) }),
      );
      throw error;
    }

    // Where each output goes under the new plan.
    const outputs = new Map<string, Output>();
    for (const [id, entry] of sources) outputs.set(id, entry.output);
    for (const [id, entry] of transforms) {
      if (entry.output !== undefined) outputs.set(id, entry.output.output);
      for (const [name, named] of entry.named) outputs.set(`${id}.${name}`, named.output);
    }
    for (const [id, entry] of sinks)
      if (entry.rejected !== undefined) outputs.set(`${id}${REJECTED_SUFFIX}`, entry.rejected);
    const wiring = new Map<Output, { chains: BufferChain[]; ids: string[] }>();
    for (const output of outputs.values()) wiring.set(output, { chains: [], ids: [] });
    const connect = (consumerId: string, inputs: readonly string[], chain: BufferChain) => {
      for (const input of inputs) {
        const output = outputs.get(input);
        if (output === undefined)
          throw new SluiceError(ErrorCode.topologyInvalid, `unknown input "${input}"`);
        const wires = wiring.get(output) as { chains: BufferChain[]; ids: string[] };
        wires.chains.push(chain);
        wires.ids.push(consumerId);
      }
    };
    try {
      for (const [id, entry] of transforms) connect(id, plan.transforms.get(id)?.inputs ?? [], entry.input);
      for (const [id, entry] of sinks) connect(id, entry.plan.inputs, entry.chain);
    } catch (error) {
      await closeInOrder(built, (entry) =>
        this.#close(entry, { stages: !changes.reuseBuffersOf.has(entry.node.id) }),
      );
      throw error;
    }

    // From here on nothing fails. Every new producer is counted before any old one is let go, so no
    // chain that stays sees its producers reach zero (and close) on the way.
    for (const { chains } of wiring.values()) for (const chain of chains) chain.addProducer();
    const replaced: Array<{ output: Output; chains: readonly BufferChain[] }> = [];
    for (const [output, { chains, ids }] of wiring) {
      if (output.consumers.length > 0) replaced.push({ output, chains: output.consumers });
      output.rewire(chains, ids);
    }
    const retiring: Entry[] = [
      ...[...this.#sources].filter(([id, entry]) => sources.get(id) !== entry).map(([, entry]) => entry),
      ...[...this.#transforms]
        .filter(([id, entry]) => transforms.get(id) !== entry)
        .map(([, entry]) => entry),
      ...[...this.#sinks].filter(([id, entry]) => sinks.get(id) !== entry).map(([, entry]) => entry),
    ];
    const previous = { sources: this.#sources, transforms: this.#transforms, sinks: this.#sinks };
    this.#plan = plan;
    this.#sources = sources;
    this.#transforms = transforms;
    this.#sinks = sinks;
    for (const entry of retiring) this.#retiring.add(entry);

    // Retire: stop replaced sources; a rebuilt sink's old reader lets go of the buffer it hands over.
    const startAfter = new Map<Entry, Promise<unknown>>();
    for (const entry of retiring) if (entry.kind === 'source') entry.stop.abort();
    for (const entry of built) {
      if (entry.kind === 'sink') {
        const old = previous.sinks.get(entry.node.id);
        if (old !== undefined && old.chain === entry.chain) {
          old.chainHandedOver = true;
          startAfter.set(entry, old.chain.detachReader());
          // Its producers may all have finished; the new ones were counted above.
          entry.chain.reopen();
        }
      } else {
        const old = (entry.kind === 'source' ? previous.sources : previous.transforms).get(entry.node.id);
        if (old !== undefined) startAfter.set(entry, ended(old));
      }
    }
    // The consumers an output no longer feeds lose it as a producer once its sends under way are done.
    const detached = Promise.all(
      replaced.map(async ({ output, chains }) => {
        await output.idle();
        for (const chain of chains) chain.producerDone();
      }),
    );
    if (this.#running !== undefined) for (const entry of built) this.#start(entry, startAfter.get(entry));
    const retired = Promise.all(
      retiring.map(async (entry) => {
        await ended(entry);
        await this.#close(entry, { stages: !(entry.kind === 'sink' && entry.chainHandedOver) });
        this.#retiring.delete(entry);
      }),
    );
    const outcome = Promise.all([detached, retired]).then(() => {
      const failures = retiring.flatMap((entry) =>
        entry.failure === undefined ? [] : [entry.failure.message],
      );
      if (failures.length > 0)
        throw new SluiceError(
          ErrorCode.componentFailed,
          `a replaced component failed: ${failures.join('; ')}`,
        );
    });
    // Reported by whoever awaits it (a reload); never an unhandled rejection.
    outcome.catch(() => {});
    return { retired: outcome };
  }

  /**
   * A reload of this running topology with `plan` (see `#apply` and `reloadTopology`): resolves once
   * the new components run, with a promise that settles when the replaced ones have finished.
   */
  async reload(plan: TopologyPlan, changes: ReloadChanges): Promise<{ retired: Promise<void> }> {
    if (this.#finished || this.#stopSources.signal.aborted)
      throw new SluiceError(ErrorCode.topologyInvalid, 'a pipeline that is stopping cannot be reloaded');
    if (this.#reloading !== undefined)
      throw new SluiceError(ErrorCode.topologyInvalid, 'a reload is under way already');
    const applying = this.#apply(plan, changes);
    this.#reloading = applying;
    try {
      return await applying;
    } finally {
      this.#reloading = undefined;
    }
  }

  /** Runs each enabled sink healthcheck, bounded by a timeout. */
  healthcheck(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<HealthReport[]> {
    if (!this.#plan.healthchecks.enabled) return Promise.resolve([]);
    const sinks = [...this.#sinks.values()]
      .filter((entry) => entry.plan.healthcheck)
      .map((entry) => ({ id: entry.node.id, sink: entry.sink }));
    return runHealthchecks(sinks, options);
  }

  /**
   * Starts every component. Resolves when every sink has finished: the sources ended on their own
   * (or were stopped by `shutdown`) and everything drained, including what reloads started. Rejects
   * after the rest has stopped when a component failed.
   */
  run(): Promise<void> {
    this.#running ??= this.#run();
    return this.#running;
  }

  async #run(): Promise<void> {
    for (const entry of [...this.#sinks.values(), ...this.#transforms.values(), ...this.#sources.values()])
      this.#start(entry);
    // A reload adds runs while this waits: finished once every run has, and no reload is under way.
    while (this.#runs.length > 0 || this.#reloading !== undefined) {
      if (this.#reloading !== undefined) {
        await this.#reloading.catch(() => {});
        continue;
      }
      // Taken out as awaited, so many reloads do not pile up finished runs.
      await Promise.all(this.#runs.splice(0));
    }
    this.#finished = true;
    await this.#closeAll();
    if (this.#failures.length > 0) {
      const names = this.#failures.map((failure) => failure.message).join('; ');
      throw new SluiceError(ErrorCode.componentFailed, `pipeline stopped after a component failed: ${names}`);
    }
  }

  /** Runs an instance, once `after` has settled (the instance it replaces stopped or let go). */
  #start(entry: Entry, after?: Promise<unknown>): void {
    const run = () =>
      entry.kind === 'source'
        ? this.#runSource(entry)
        : entry.kind === 'transform'
          ? this.#runTransform(entry)
          : this.#runSink(entry);
    entry.running = after === undefined ? run() : after.then(run, run);
    this.#runs.push(entry.running);
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
      if (!entry.stop.signal.aborted)
        await entry.source.run(emit, AbortSignal.any([this.#stopSources.signal, entry.stop.signal]));
    } catch (error) {
      this.#fail(entry, error);
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
          entry.discarded.increment(batch.length);
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
      this.#fail(entry, error);
    } finally {
      entry.node.finished = true;
      entry.output?.output.done();
      for (const named of entry.named.values()) named.output.done();
    }
  }

  async #runSink(entry: SinkEntry): Promise<void> {
    const received = entry.received;
    const chain = entry.chain;
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
      // Nobody reads this chain any more: stop the rest so upstream does not block forever.
      if (this.#fail(entry, error)) void this.shutdown();
    } finally {
      entry.node.finished = true;
      entry.rejected?.done();
    }
  }

  /** Records a failure; true when it is the running pipeline's (not an instance a reload retired). */
  #fail(entry: Entry, error: unknown): boolean {
    const { node } = entry;
    const message = error instanceof Error ? error.message : String(error);
    this.#logger.error(`${node.kind} "${node.id}" failed: ${message}`, { component_id: node.id });
    const failure = new Error(`${node.kind} "${node.id}": ${message}`);
    if (this.#retiring.has(entry)) {
      entry.failure = failure;
      return false;
    }
    this.#failures.push(failure);
    return true;
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
      for (const entry of this.#entries())
        if (entry.kind === 'sink' && !entry.chainHandedOver) entry.chain.closeWrites();
      await this.#closeAll();
      return { graceful: false, abandoned };
    } finally {
      clearInterval(progress);
      clearTimeout(deadline);
    }
  }

  /** What an exit now would leave undelivered (the second signal's message). */
  unfinishedEvents(): UnfinishedEvents {
    const counts: UnfinishedEvents = { inMemoryBuffers: 0, onDisk: 0, inFlight: 0 };
    for (const entry of this.#entries()) {
      if (entry.kind === 'transform') counts.inMemoryBuffers += entry.input.unreadEvents;
      if (entry.kind !== 'sink') continue;
      counts.inFlight += Math.max(0, entry.taken - entry.settled.events);
      if (entry.chainHandedOver) continue;
      for (const [index, stage] of entry.chain.stages.entries()) {
        if (entry.plan.buffer[index]?.definition.capabilities?.durable === true)
          counts.onDisk += stage.unreadEvents;
        else counts.inMemoryBuffers += stage.unreadEvents;
      }
    }
    return counts;
  }

  /** Releases what `build` opened (buffer stages, disk locks) for a topology that will not run. */
  async dispose(): Promise<void> {
    await this.#closeAll();
  }

  /** The running instances and those a reload retired that have not finished yet. */
  #entries(): Entry[] {
    return [
      ...this.#sources.values(),
      ...this.#transforms.values(),
      ...this.#sinks.values(),
      ...this.#retiring,
    ];
  }

  #unfinished(): Node[] {
    return this.#entries()
      .map((entry) => entry.node)
      .filter((node) => !node.finished);
  }

  /** Closes every instance once, in the order the data flows: sources, transforms, sinks. */
  #closeAll(): Promise<void> {
    this.#allClosed ??= closeInOrder(this.#entries(), (entry) =>
      this.#close(entry, { stages: !(entry.kind === 'sink' && entry.chainHandedOver) }),
    );
    return this.#allClosed;
  }

  /** Closes an instance once (and a sink's buffer stages with `stages`); errors are logged. */
  #close(entry: Entry, options: { stages: boolean }): Promise<void> {
    entry.closed ??= (async () => {
      const instance =
        entry.kind === 'source' ? entry.source : entry.kind === 'transform' ? entry.transform : entry.sink;
      try {
        await instance.close?.();
      } catch (error) {
        this.#logger.error(`closing "${entry.node.id}" failed: ${String(error)}`);
      }
      if (entry.kind !== 'sink' || !options.stages) return;
      try {
        await entry.chain.closeStages();
      } catch (error) {
        this.#logger.error(`closing the buffer of "${entry.node.id}" failed: ${String(error)}`);
      }
    })();
    return entry.closed;
  }
}

function fresh(id: string, kind: ComponentKind): Instance {
  return { node: { id, kind, finished: false }, running: undefined, closed: undefined, failure: undefined };
}

/** Settles once the instance's run has (at once for one never started). */
async function ended(entry: Entry): Promise<void> {
  await entry.running;
}

const ORDER: Record<ComponentKind, number> = { source: 0, transform: 1, sink: 2 };

/** Closes instances one after another in the order the data flows. */
async function closeInOrder(
  entries: readonly Entry[],
  close: (entry: Entry) => Promise<void>,
): Promise<void> {
  for (const entry of [...entries].sort((a, b) => ORDER[a.kind] - ORDER[b.kind])) await close(entry);
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
