import type { JsonSchema, OptionProblem, ValidationContext } from './components.js';
import type { Batch } from './event.js';
import type { ComponentMetrics, Logger } from './observability.js';

/** What a stage does when it cannot take a batch. Applied by core, the same for every stage type. */
export type WhenFull = 'block' | 'drop_newest' | 'overflow';

export interface BufferContext {
  /** The id of the sink this buffer sits in front of. */
  sinkId: string;
  /** The stage's position in the sink's buffer chain, from 0. */
  stageIndex: number;
  dataDir: string | undefined;
  logger: Logger;
  /** Handles are labelled with the sink id and the stage. */
  metrics: ComponentMetrics;
  /** Aborted when the runtime gives up on the sink (deadline passed). */
  signal: AbortSignal;
}

/** How full a stage is. `maxEvents`/`maxBytes` are `undefined` when that dimension is unbounded. */
export interface BufferUsage {
  events: number;
  bytes: number;
  maxEvents: number | undefined;
  maxBytes: number | undefined;
}

/**
 * One stage of a sink's buffer: a bounded FIFO of events. Core applies `when_full` (block, drop,
 * overflow to the next stage) on top of `write` and `waitForSpace`.
 *
 * Acknowledgement: a stage that must keep events until the sink is done with them (disk) attaches
 * its own finalizer to the events it hands out in `read`, and frees space when they are finalized.
 * A stage that frees space on read (memory) passes the writer's finalizers through untouched.
 */
export interface BufferStage {
  /**
   * Takes as many leading events of `batch` as fit and returns how many it took (0 when full). A
   * stage with nothing buffered takes the whole batch even when it is larger than its capacity,
   * so a large batch can never deadlock.
   */
  write(batch: Batch): Promise<number> | number;
  /** Resolves when `write` could take at least one event, or when `signal` is aborted. */
  waitForSpace(signal: AbortSignal): Promise<void>;
  /** Up to `maxEvents` of the oldest unread events, in order; an empty batch when there are none. */
  read(maxEvents: number): Promise<Batch> | Batch;
  /** Resolves when `read` would return events, or when `signal` is aborted. */
  waitForData(signal: AbortSignal): Promise<void>;
  /** Events written and not yet read. */
  readonly unreadEvents: number;
  usage(): BufferUsage;
  /** Makes everything durable (disk: fsync) and releases resources (locks, handles). Idempotent. */
  close(): Promise<void>;
}

/**
 * What core must know of a stage type to treat it right, declared by the type rather than guessed
 * from its name. Every capability defaults to false.
 */
export interface BufferCapabilities {
  /**
   * Its events survive a restart of the process (a disk buffer): an exit reports them as kept, and
   * a reload never replaces the stage with another (that would split or lose what it holds).
   */
  durable?: boolean;
  /**
   * It keeps files in `<data_dir>/buffer/<sink id>`: it needs the global `data_dir`, a sink has at
   * most one such stage, and the sink's id must be one plain path segment.
   */
  sinkDirectory?: boolean;
}

export interface BufferDefinition<Options = Record<string, unknown>> {
  specificationVersion: number;
  kind: 'buffer';
  /** The `buffer.type` discriminator: `memory`, `disk`, … */
  type: string;
  description: string;
  capabilities?: BufferCapabilities;
  /** Schema of the stage's own options (`max_events`, `max_size`, …); `type` and `when_full` belong to core. */
  optionsSchema: JsonSchema;
  /** As a component's `validate`: the checks of the options alone, run when the config is planned. */
  validate?(options: Options, context: ValidationContext): readonly OptionProblem[];
  create(options: Options, context: BufferContext): BufferStage | Promise<BufferStage>;
}

export function defineBuffer<Options>(definition: BufferDefinition<Options>): BufferDefinition<Options> {
  return definition;
}
