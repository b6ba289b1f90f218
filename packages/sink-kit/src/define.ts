import {
  type ComponentContext,
  type DataType,
  defineSink,
  type JsonSchema,
  type OptionProblem,
  type SinkDefinition,
  SPECIFICATION_VERSION,
  type ValidationContext,
} from '@sluice/component-api';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { SinkItem } from './accounting.js';
import type { BatchSettings } from './batcher.js';
import { type ProxyOptions, proxySchema } from './http/proxy.js';
import { type TlsOptions, tlsSchema } from './http/tls.js';
import { createNetworkSink } from './network-sink.js';
import {
  type BatchDefaults,
  type BatchOptions,
  batchSchema,
  type RequestDefaults,
  type RequestOptions,
  requestSchema,
} from './options.js';
import type { RetrySettings } from './retry.js';
import type { NetworkSinkSpec, RequestSettings } from './spec.js';
import { batchSettingsOf, requestSettingsOf } from './vector-options.js';

/** The schema of a sink's own options: an object schema, written `as const` so its type can be derived. */
export interface OwnOptionsSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, unknown>>;
}

/** `FromSchema`, for a schema checked only loosely where it is given (a strict bound makes inference too deep). */
type Derive<Schema> = Schema extends JSONSchema ? FromSchema<Schema> : never;

/** A sink's options once validated, defaults applied: its own, and the kit's fragments. */
export type NetworkSinkOptions<
  Own extends OwnOptionsSchema,
  MoreRequest extends Readonly<Record<string, unknown>> = Record<never, never>,
> = Derive<Own> & {
  batch: BatchOptions;
  request: RequestOptions & Derive<{ type: 'object'; properties: MoreRequest; additionalProperties: false }>;
  tls?: TlsOptions;
  proxy?: ProxyOptions;
};

/** What a sink's `create` returns: the spec of `createNetworkSink`, less what the kit derives from the options. */
export type NetworkSinkParts<Item extends SinkItem, Request> = Omit<
  NetworkSinkSpec<Item, Request>,
  'metricPrefix' | 'batch' | 'request'
> & {
  /** Replaces parts of the batch settings the options give (`maxPartitions`, a bytes-only batch). */
  readonly batch?: Partial<BatchSettings>;
  /** Replaces parts of the request settings the options give (`recordTtlMs`, a limiter of its own). */
  readonly request?: Partial<RequestSettings>;
};

export interface NetworkSinkDefinition<
  Own extends OwnOptionsSchema,
  MoreRequest extends Readonly<Record<string, unknown>>,
  Item extends SinkItem,
  Request,
> {
  /** The config discriminator: `type = "…"`. */
  readonly type: string;
  /** One line for `sluice list` and the reference. */
  readonly description: string;
  /** Prefix of the kit's metrics: `<prefix>_retries_total`, … */
  readonly metricPrefix: string;
  /** The sink's own options; the kit adds `batch`, `request` and, when asked, `tls` and `proxy`. */
  readonly options: Own;
  /** Defaults (and limits) of the `batch` table. */
  readonly batch: BatchDefaults;
  /** Defaults of the `request` table, and the backoff strategy (Vector: Fibonacci for HTTP sinks). */
  readonly request: RequestDefaults & {
    readonly backoff?: NonNullable<RetrySettings['strategy']>;
    /** The sink's own `request` options (the http sink's `headers`). */
    readonly more?: MoreRequest;
  };
  /** Adds Vector's `tls` table (for `@sluice/sink-kit/http`'s client). */
  readonly tls?: boolean;
  /** Adds Vector's `proxy` table. */
  readonly proxy?: boolean;
  readonly deprecatedOptions?: Readonly<Record<string, string>>;
  readonly inputTypes?: readonly DataType[];
  validate?(
    options: NoInfer<NetworkSinkOptions<Own, MoreRequest>>,
    context: ValidationContext,
  ): readonly OptionProblem[];
  /** Builds the sink from validated options: how it prepares, builds, sends; the kit does the rest. */
  create(
    options: NoInfer<NetworkSinkOptions<Own, MoreRequest>>,
    context: ComponentContext,
  ): NetworkSinkParts<Item, Request> | Promise<NetworkSinkParts<Item, Request>>;
}

/**
 * A network sink's definition: its own options' schema joined with the kit's `batch`, `request`,
 * `tls` and `proxy` fragments (one schema: ajv validates it, the reference is generated from it,
 * and the options' type is derived from it), and a `create` that returns only what the sink does
 * itself. The kit translates Vector's tables into its settings and runs the sink.
 */
export function defineNetworkSink<
  const Own extends OwnOptionsSchema,
  Item extends SinkItem,
  Request = readonly Item[],
  MoreRequest extends Readonly<Record<string, unknown>> = Record<never, never>,
>(
  definition: NetworkSinkDefinition<Own, MoreRequest, Item, Request>,
): SinkDefinition<NetworkSinkOptions<Own, MoreRequest>> {
  const { more, backoff, ...requestDefaults } = definition.request;
  const own = definition.options as unknown as { properties: Record<string, unknown> };
  const optionsSchema: JsonSchema = {
    ...own,
    properties: {
      ...own.properties,
      batch: batchSchema(definition.batch),
      request: requestSchema(requestDefaults, more),
      ...(definition.tls ? { tls: tlsSchema } : {}),
      ...(definition.proxy ? { proxy: proxySchema } : {}),
    },
  };
  // The options' type is derived from the schema for the sink's author; here, where `Own` is any
  // schema, the kit needs only its own tables (and TypeScript cannot derive a type from an unknown schema).
  type Derived = NetworkSinkOptions<Own, MoreRequest>;
  const create = definition.create.bind(definition) as unknown as (
    options: KitTables,
    context: ComponentContext,
  ) => NetworkSinkParts<Item, Request> | Promise<NetworkSinkParts<Item, Request>>;
  const sink: SinkDefinition<KitTables> = defineSink<KitTables>({
    specificationVersion: SPECIFICATION_VERSION,
    kind: 'sink',
    type: definition.type,
    description: definition.description,
    optionsSchema,
    ...(definition.deprecatedOptions === undefined
      ? {}
      : { deprecatedOptions: definition.deprecatedOptions }),
    ...(definition.inputTypes === undefined ? {} : { inputTypes: definition.inputTypes }),
    ...(definition.validate === undefined
      ? {}
      : {
          validate: definition.validate.bind(definition) as unknown as (
            options: KitTables,
            context: ValidationContext,
          ) => readonly OptionProblem[],
        }),
    async create(options, context) {
      const { batch, request, ...parts } = await create(options, context);
      return createNetworkSink<Item, Request>(
        {
          ...parts,
          metricPrefix: definition.metricPrefix,
          batch: { ...batchSettingsOf(options.batch), ...batch },
          request: { ...requestSettingsOf(options.request, backoff ?? 'exponential'), ...request },
        },
        context,
      );
    },
  });
  return sink as unknown as SinkDefinition<Derived>;
}

/** The kit's own tables of every network sink's options. */
interface KitTables {
  batch: BatchOptions;
  request: RequestOptions;
}
