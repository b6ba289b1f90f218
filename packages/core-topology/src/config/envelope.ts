import type { JsonSchema } from '@sluice/component-api';
import { VECTOR_GLOBAL_OPTIONS } from './vector-reference.js';

const toggle = (description: string): JsonSchema => ({
  description,
  oneOf: [
    { type: 'boolean' },
    { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
  ],
});

const bufferStage: JsonSchema = {
  type: 'object',
  properties: {
    type: { type: 'string', default: 'memory', description: 'memory (default, as in Vector) or disk.' },
    when_full: {
      type: 'string',
      enum: ['block', 'drop_newest', 'overflow'],
      description: 'What to do when the stage is full.',
    },
  },
};

/** Envelope keys of a sink; everything else belongs to the sink's own options. */
export const SINK_ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  'type',
  'inputs',
  'buffer',
  'healthcheck',
  'acknowledgements',
  'graph',
  'proxy',
]);
export const TRANSFORM_ENVELOPE_KEYS: ReadonlySet<string> = new Set(['type', 'inputs', 'graph']);
export const SOURCE_ENVELOPE_KEYS: ReadonlySet<string> = new Set(['type', 'graph', 'proxy']);

/** Vector's `graph` table (attributes for `vector graph`): accepted, ignored with a warning. */
const graphOption: JsonSchema = {
  type: 'object',
  description: "Vector's node and edge attributes for `vector graph`; accepted and ignored (with a warning).",
};

/** Vector's per-component `proxy`: accepted, ignored with a warning (Sluice has no proxy support yet). */
const proxyOption: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description:
    "Vector's HTTP proxy settings; accepted and ignored (with a warning): Sluice connects directly.",
  properties: {
    enabled: { type: 'boolean' },
    http: { type: 'string' },
    https: { type: 'string' },
    no_proxy: { type: 'array', items: { type: 'string' } },
  },
};

const componentTable = (withInputs: boolean, extra: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: withInputs ? ['type', 'inputs'] : ['type'],
    properties: {
      type: { type: 'string', minLength: 1 },
      ...(withInputs ? { inputs: { type: 'array', items: { type: 'string', minLength: 1 } } } : {}),
      ...extra,
    },
  },
});

/** A condition of a unit test: a VRL expression, or a table naming the condition's type. */
const testCondition: JsonSchema = {
  oneOf: [
    { type: 'string', description: 'A VRL boolean expression (as `type = "vrl"`).' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { type: 'string', enum: ['vrl', 'datadog_search', 'is_log', 'is_metric', 'is_trace'] },
        source: { type: 'string', description: 'The VRL expression (or Datadog Search query).' },
        runtime: { type: 'string', description: "Vector's VRL runtime (`ast`); accepted, not used." },
      },
    },
  ],
};

const testInput: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['insert_at'],
  properties: {
    insert_at: { type: 'string', minLength: 1, description: 'The transform the event is given to.' },
    type: { type: 'string', default: 'raw', description: 'raw, log, vrl or metric (as in Vector).' },
    value: { type: 'string', description: 'type = "raw": the message of the event.' },
    source: { type: 'string', description: 'type = "vrl": the VRL program that builds the event.' },
    log_fields: { type: 'object', description: 'type = "log": the fields of the event, by path.' },
    metric: { type: 'object', description: 'type = "metric": the metric.' },
  },
};

const componentNames: JsonSchema = { type: 'array', items: { type: 'string', minLength: 1 } };

/** Vector's `[[tests]]` (`TestDefinition`), run by `sluice test`; unknown fields are errors, as in Vector. */
const unitTests: JsonSchema = {
  type: 'array',
  description: 'Unit tests of the transforms, run by `sluice test` (as `vector test`).',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', description: 'The name of the test.' },
      input: { ...testInput, description: 'One input event (older form of `inputs`).' },
      inputs: { type: 'array', items: testInput, description: 'The input events.' },
      outputs: {
        type: 'array',
        description: 'What the transforms must emit.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['extract_from'],
          properties: {
            extract_from: {
              description: 'The transform (or transforms) whose output is checked.',
              oneOf: [{ type: 'string', minLength: 1 }, componentNames],
            },
            conditions: {
              type: 'array',
              items: testCondition,
              description: 'Each must hold for some event.',
            },
            expected_event_count: {
              type: 'integer',
              minimum: 0,
              description: 'How many events the transforms must emit.',
            },
          },
        },
      },
      no_outputs_from: { ...componentNames, description: 'Transforms that must emit nothing.' },
    },
  },
};

/** The global options Sluice has, and the shape of each component section. */
const globalProperties: Record<string, JsonSchema> = {
  data_dir: { type: 'string', minLength: 1, description: 'Directory for disk buffers and other state.' },
  healthchecks: {
    type: 'object',
    additionalProperties: false,
    description: 'Healthchecks of all sinks.',
    properties: {
      enabled: { type: 'boolean', default: true, description: 'Run sink healthchecks at start.' },
      require_healthy: {
        type: 'boolean',
        default: false,
        description: 'Exit (code 78) when a healthcheck fails, as --require-healthy.',
      },
    },
  },
  acknowledgements: toggle('End-to-end acknowledgements for every sink (default false).'),
  plugins: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    description: 'Packages of third-party components to load, by name.',
  },
  metrics: {
    type: 'object',
    additionalProperties: false,
    description: 'Internal metrics endpoint, as --metrics-address.',
    properties: {
      address: {
        type: 'string',
        description: 'HOST:PORT to serve /metrics in the Prometheus text format.',
      },
    },
  },
  schema: {
    type: 'object',
    additionalProperties: false,
    description:
      "Vector's schema options. log_namespace = true (Vector's log namespacing, which changes every event's shape) is refused: Sluice writes the legacy shape; enabled and validation are accepted and ignored (with a warning).",
    properties: {
      enabled: {
        type: 'boolean',
        default: false,
        description: "Vector's schema checks between components; ignored.",
      },
      validation: {
        type: 'boolean',
        default: false,
        description: "Vector's schema validation of sinks; ignored.",
      },
      log_namespace: {
        type: 'boolean',
        description: 'false (the legacy shape, what Sluice writes) is accepted; true is refused.',
      },
    },
  },
  tests: unitTests,
  secret: {
    type: 'object',
    description:
      "Vector's secret backends (exec, file, directory), referenced as SECRET[backend.key]; the sluice CLI fetches them when it loads the config.",
    additionalProperties: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } },
  },
  sources: componentTable(false, { graph: graphOption, proxy: proxyOption }),
  transforms: componentTable(true, { graph: graphOption }),
  sinks: componentTable(true, {
    graph: graphOption,
    proxy: proxyOption,
    buffer: {
      description: 'One buffer stage, or a list of stages (an overflow chain), first stage first.',
      oneOf: [bufferStage, { type: 'array', items: bufferStage }],
    },
    healthcheck: {
      description:
        "Run this sink's healthcheck at start (default true). Vector's `uri` and `timeout` are accepted and ignored, with a warning.",
      oneOf: [
        { type: 'boolean' },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            enabled: { type: 'boolean' },
            uri: { type: 'string' },
            timeout: { type: 'number', minimum: 0 },
          },
        },
      ],
    },
    acknowledgements: toggle('End-to-end acknowledgements for this sink.'),
  }),
};

/** Vector's global options Sluice does not implement: accepted, ignored with one warning each. */
export const IGNORED_VECTOR_GLOBALS: readonly string[] = VECTOR_GLOBAL_OPTIONS.filter(
  (name) => !Object.hasOwn(globalProperties, name),
);

/** The shape of the file, before any component's own options are looked at. */
export const envelopeSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...globalProperties,
    ...Object.fromEntries(
      IGNORED_VECTOR_GLOBALS.map((name) => [
        name,
        { description: `Vector's \`${name}\`: accepted and ignored with a warning (not implemented).` },
      ]),
    ),
  },
};
