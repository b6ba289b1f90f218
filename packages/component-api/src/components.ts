import { ConfigError } from './errors.js';
import { type Batch, createLogEvent, type LogEvent } from './event.js';
import type { ComponentMetrics, Logger } from './observability.js';

/** The contract version this package describes. Core refuses definitions with a version it does not know. */
export const SPECIFICATION_VERSION = 1;

/** JSON Schema (draft 2020-12) of a component's options. Every property has a `description` and default. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export type ComponentKind = 'source' | 'transform' | 'sink';

export interface ComponentContext {
  /** The component's id in the config (`sinks.<id>`). */
  id: string;
  logger: Logger;
  metrics: ComponentMetrics;
  /** The global `data_dir`, when configured. */
  dataDir: string | undefined;
  /**
   * Aborted when the runtime gives up on the component (the shutdown deadline passed, or a second
   * signal): stop at once. Graceful shutdown reaches a source through `run`'s signal and a sink
   * through the end of its input.
   */
  signal: AbortSignal;
  /** Whether end-to-end acknowledgements are enabled for this component (config `acknowledgements`). */
  acknowledgements: boolean;
  /**
   * A sink's `<sink id>.rejected` output, when another component lists it in `inputs`: the sink
   * sends there a copy of each event it rejects (see `rejectedEvent`), after finalizing the original.
   */
  rejected?: RejectedOutput;
  /** The process's own metrics, read when called (the `internal_metrics` source). */
  internalMetrics?: () => Promise<InternalMetricSample[]>;
}

/** One series of the process's metrics registry. */
export interface InternalMetricSample {
  name: string;
  type: 'counter' | 'gauge';
  labels: Record<string, string>;
  value: number;
}

/**
 * What flows between components: log events, or metric events (a log event whose fields are a
 * metric in Vector's JSON shape, see `internal_metrics`). Checked at validation: a sink only gets
 * the types it declares.
 */
export type DataType = 'log' | 'metric';

/** Where a sink sends what it rejected; awaiting `send` is backpressure from the consumers. */
export interface RejectedOutput {
  send(events: Batch): Promise<void>;
}

/** Why a sink rejected an event: the `rejection` field of the copy sent to `<sink id>.rejected`. */
export interface Rejection {
  sink_id: string;
  error_code: string;
  error_message: string;
  /** Requests that carried the event. */
  attempts: number;
}

/** The copy of a rejected event for `<sink id>.rejected`: its fields and a `rejection` field, no finalizer. */
export function rejectedEvent(event: LogEvent, rejection: Rejection): LogEvent {
  return createLogEvent(
    { ...event.fields, rejection: { ...rejection } },
    { structured: true, byteSize: event.metadata.byteSize },
  );
}

export type HealthcheckResult = { status: 'healthy' } | { status: 'unhealthy'; message: string };

interface DefinitionBase<Kind extends string, Options, Instance> {
  specificationVersion: number;
  kind: Kind;
  /** The config discriminator: `aws_kinesis_streams`, `socket`, … */
  type: string;
  /** One line for `sluice list` and the generated reference. */
  description: string;
  optionsSchema: JsonSchema;
  /**
   * Old option names still accepted, as dotted paths: `{ batch_size: 'batch.max_bytes' }`. Core
   * moves the value to the new path and warns once per option; setting both is a config error.
   */
  deprecatedOptions?: Readonly<Record<string, string>>;
  /**
   * Checks of the options that need no I/O and that the schema cannot express (a range that
   * depends on another option, an address to parse). Run by `planTopology` on options that passed
   * the schema, so `sluice validate --no-environment` refuses what `create` would refuse. Must be
   * pure and fast; `create` may assume its options passed it.
   */
  validate?(options: Options, context: ValidationContext): readonly OptionProblem[];
  /**
   * Top-level options whose values become event fields (`fields` of `add_fields`): their numbers
   * reach `create` as the config wrote them (a whole float as a `FloatValue`, an integer beyond
   * 2^53 as a `bigint`). Every other option gets plain numbers, checked by the schema.
   */
  eventValueOptions?: readonly string[];
  /** A source's output (default `log`); transforms pass on what they get. */
  outputType?: DataType;
  /** What a sink accepts (default: `log` only). */
  inputTypes?: readonly DataType[];
  /** Receives the validated options, frozen, with schema defaults applied. */
  create(options: Options, context: ComponentContext): Instance | Promise<Instance>;
}

/**
 * For a `create` called directly (tests, embedding) rather than through a plan: refuses what its
 * `validate` found, as a `ConfigError` with the same paths and messages.
 */
export function refuseInvalidOptions(problems: readonly OptionProblem[]): void {
  if (problems.length > 0)
    throw new ConfigError(problems.map((problem) => ({ file: undefined, ...problem })));
}

/** What `validate` may consult besides the options: the global settings a component depends on. */
export interface ValidationContext {
  /** The global `data_dir`, when configured. */
  dataDir: string | undefined;
}

/** A problem `validate` found: the dotted path inside the component's options ('' for all of it). */
export interface OptionProblem {
  path: string;
  message: string;
}

/** Resolves when downstream accepted the batch: await it, that is the backpressure. */
export type Emit = (batch: Batch) => Promise<void>;

export interface Source {
  /** Produces batches until `signal` is aborted (graceful stop) or the input ends. */
  run(emit: Emit, signal: AbortSignal): Promise<void>;
  /**
   * Releases what the instance holds (clients, sockets, timers, files). Called once by the runtime,
   * in the order the data flows, after the pipeline drained or at the shutdown deadline, and for
   * what was built when a later `build` step failed.
   */
  close?(): Promise<void>;
}

/**
 * A transform's outputs (Vector's ports): other components read its default output as `<id>` and
 * a named one as `<id>.<name>` (a route's routes, remap's `dropped`).
 */
export interface TransformOutputs {
  /** Whether the transform has a default output (`<id>`); a route has none. */
  default: boolean;
  named: readonly string[];
}

/** What a transform with named outputs returns: the events of its default output and of each named one. */
export interface OutputBatches {
  default: Batch;
  /** By output name; an output left out gets nothing. An event must not be in two batches. */
  named: ReadonlyMap<string, Batch>;
}

export interface Transform {
  /**
   * May mutate and return the batch. Events it removes must be finalized (usually `dropped`). A
   * transform with named outputs (`outputs` of its definition) returns `OutputBatches`.
   */
  transform(batch: Batch): Batch | OutputBatches | Promise<Batch | OutputBatches>;
  /**
   * Releases what the instance holds (clients, sockets, timers, files). Called once by the runtime,
   * in the order the data flows, after the pipeline drained or at the shutdown deadline, and for
   * what was built when a later `build` step failed.
   */
  close?(): Promise<void>;
}

/** The batches a sink consumes; the iteration ends when upstream is done and the buffer is drained. */
export type SinkInput = AsyncIterable<Batch>;

export interface Sink {
  /**
   * Consumes its input, does its own batching, and finalizes every event as `delivered`,
   * `rejected` or `dropped`. Returns after the input ended, the partial batch was flushed and
   * in-flight requests (with their retries) finished.
   */
  run(input: SinkInput): Promise<void>;
  /**
   * The most events the sink holds at once, taken from its input and not yet finalized, besides
   * the input batches it is working through (the one it takes apart and one it may pull ahead):
   * 0 for a sink that finalizes each batch before pulling the next; a batching sink's batches ×
   * requests in flight. The conformance suite checks it while the destination stalls. Undefined
   * declares no bound (the suite then only checks that the sink does not read its whole input).
   */
  readonly maxHeldEvents?: number;
  /** Checks that the destination is reachable and usable. Called once before `run`. */
  healthcheck?(signal: AbortSignal): Promise<HealthcheckResult>;
  /**
   * Releases what the instance holds (clients, sockets, timers, files). Called once by the runtime,
   * in the order the data flows, after the pipeline drained or at the shutdown deadline, and for
   * what was built when a later `build` step failed.
   */
  close?(): Promise<void>;
}

export type SourceDefinition<Options = Record<string, unknown>> = DefinitionBase<'source', Options, Source>;
export interface TransformDefinition<Options = Record<string, unknown>>
  extends DefinitionBase<'transform', Options, Transform> {
  /**
   * The outputs the transform has with these options, when it has named ones (see
   * `TransformOutputs`); without it, the default output only. Called when the config is planned,
   * on options that passed the schema and `validate`.
   */
  outputs?(options: Options): TransformOutputs;
}
export type SinkDefinition<Options = Record<string, unknown>> = DefinitionBase<'sink', Options, Sink>;

// The `create` parameter is contravariant: `any` lets definitions with specific option types be listed together.
// biome-ignore lint/suspicious/noExplicitAny: see above
export type ComponentDefinition = SourceDefinition<any> | TransformDefinition<any> | SinkDefinition<any>;

export function defineSource<Options>(definition: SourceDefinition<Options>): SourceDefinition<Options> {
  return definition;
}

export function defineTransform<Options>(
  definition: TransformDefinition<Options>,
): TransformDefinition<Options> {
  return definition;
}

export function defineSink<Options>(definition: SinkDefinition<Options>): SinkDefinition<Options> {
  return definition;
}
