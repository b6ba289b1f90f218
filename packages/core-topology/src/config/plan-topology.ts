import {
  type BufferDefinition,
  ConfigError,
  type ConfigProblem,
  type JsonSchema,
  SluiceError,
  type WhenFull,
} from '@sluice/component-api';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { AnyDefinition, ComponentRegistry } from '../registry.js';
import { applyDeprecatedOptions, deprecatedComponentTypes } from './deprecated-options.js';
import {
  envelopeSchema,
  SINK_ENVELOPE_KEYS,
  SOURCE_ENVELOPE_KEYS,
  TRANSFORM_ENVELOPE_KEYS,
} from './envelope.js';
import { checkGraph } from './graph.js';
import type { BufferStagePlan, ComponentPlan, SinkPlan, TopologyPlan } from './plan.js';
import { describeSchemaErrors } from './schema-errors.js';

export interface PlanTopologyOptions {
  registry: ComponentRegistry;
  /** The file a dotted path (`sinks.out.region`) came from, for messages. */
  locate?: (path: string) => string | undefined;
  /** Deprecation warnings, once per option. */
  warn?: (message: string) => void;
}

type Table = Record<string, Record<string, unknown>>;

const ajv = new Ajv2020({ allErrors: true, useDefaults: true, strict: false, verbose: true });
const validateEnvelope = ajv.compile(envelopeSchema);
const validators = new WeakMap<AnyDefinition, ValidateFunction>();

/** A component's options validator, compiled once per definition; unknown fields are always errors. */
function validatorOf(definition: AnyDefinition): ValidateFunction {
  let validate = validators.get(definition);
  if (validate === undefined) {
    const schema: JsonSchema = { additionalProperties: false, ...definition.optionsSchema };
    validate = ajv.compile(schema);
    validators.set(definition, validate);
  }
  return validate;
}

/**
 * Validates a parsed config object (Vector's shape) and resolves it into the plan the runtime runs.
 * Throws one `ConfigError` with every problem found, each with its file and dotted path.
 */
export async function planTopology(config: unknown, options: PlanTopologyOptions): Promise<TopologyPlan> {
  const locate = options.locate ?? (() => undefined);
  const problems: ConfigProblem[] = [];
  const report = (path: string, message: string) => problems.push({ file: locate(path), path, message });

  if (!validateEnvelope(config)) {
    for (const problem of describeSchemaErrors(validateEnvelope.errors ?? [], config, '', envelopeSchema)) {
      report(problem.path, problem.message);
    }
    throw new ConfigError(problems);
  }
  const root = config as {
    data_dir?: string;
    healthchecks?: { enabled?: boolean; require_healthy?: boolean };
    acknowledgements?: boolean | { enabled?: boolean };
    sources?: Table;
    transforms?: Table;
    sinks?: Table;
  };
  const sources = root.sources ?? {};
  const transforms = root.transforms ?? {};
  const sinks = root.sinks ?? {};
  const globalAcknowledgements = enabled(root.acknowledgements, false);

  const resolve = async <Kind extends AnyDefinition['kind']>(kind: Kind, type: string, path: string) => {
    const replacement = deprecatedComponentTypes[`${kind}:${type}`];
    if (replacement !== undefined)
      options.warn?.(
        `${locate(`${path}.type`) ?? 'config'}: ${path}.type = "${type}" is deprecated; use ${replacement}`,
      );
    try {
      return await options.registry.resolve(kind, type);
    } catch (error) {
      report(`${path}.type`, SluiceError.isInstance(error) ? error.message : String(error));
      return undefined;
    }
  };

  const componentOptions = (
    definition: AnyDefinition,
    component: Record<string, unknown>,
    envelopeKeys: ReadonlySet<string>,
    path: string,
  ): Readonly<Record<string, unknown>> => {
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(component))
      if (!envelopeKeys.has(key)) own[key] = structuredClone(value);
    if ('deprecatedOptions' in definition && definition.deprecatedOptions !== undefined) {
      const result = applyDeprecatedOptions(own, definition.deprecatedOptions);
      for (const conflict of result.conflicts) {
        report(
          `${path}.${conflict.oldPath}`,
          `cannot be set together with its new name "${conflict.newPath}"; keep only "${conflict.newPath}"`,
        );
      }
      for (const moved of result.moved) {
        options.warn?.(
          `${locate(`${path}.${moved.oldPath}`) ?? 'config'}: ${path}.${moved.oldPath} is deprecated; use ${path}.${moved.newPath}`,
        );
      }
    }
    const validate = validatorOf(definition);
    if (!validate(own)) {
      for (const problem of describeSchemaErrors(validate.errors ?? [], own, path, validate.schema))
        report(problem.path, problem.message);
    }
    return deepFreeze(own);
  };

  const planSources = new Map<string, ComponentPlan<Extract<AnyDefinition, { kind: 'source' }>>>();
  for (const [id, component] of Object.entries(sources)) {
    const path = `sources.${id}`;
    const definition = await resolve('source', String(component.type), path);
    if (definition === undefined) continue;
    const sourceOptions = componentOptions(definition, component, SOURCE_ENVELOPE_KEYS, path);
    planSources.set(id, {
      id,
      type: definition.type,
      definition,
      options: sourceOptions,
      inputs: [],
      acknowledgements: false,
    });
  }

  const planTransforms = new Map<string, ComponentPlan<Extract<AnyDefinition, { kind: 'transform' }>>>();
  for (const [id, component] of Object.entries(transforms)) {
    const path = `transforms.${id}`;
    const definition = await resolve('transform', String(component.type), path);
    if (definition === undefined) continue;
    const transformOptions = componentOptions(definition, component, TRANSFORM_ENVELOPE_KEYS, path);
    planTransforms.set(id, {
      id,
      type: definition.type,
      definition,
      options: transformOptions,
      inputs: component.inputs as string[],
      acknowledgements: false,
    });
  }

  const planSinks = new Map<string, SinkPlan>();
  const diskDirectories = new Map<string, string>();
  for (const [id, component] of Object.entries(sinks)) {
    const path = `sinks.${id}`;
    const definition = await resolve('sink', String(component.type), path);
    const buffer = await planBuffer(
      component.buffer,
      path,
      id,
      root.data_dir,
      options.registry,
      report,
      diskDirectories,
    );
    if (definition === undefined || buffer === undefined) continue;
    const sinkOptions = componentOptions(definition, component, SINK_ENVELOPE_KEYS, path);
    planSinks.set(id, {
      id,
      type: definition.type,
      definition,
      options: sinkOptions,
      inputs: component.inputs as string[],
      acknowledgements: enabled(component.acknowledgements, globalAcknowledgements),
      buffer,
      healthcheck: enabled(component.healthcheck, true),
    });
  }

  const resolvedInputs = checkGraph(
    {
      sources: Object.keys(sources),
      transforms: Object.fromEntries(
        Object.entries(transforms).map(([id, value]) => [id, value.inputs as string[]]),
      ),
      sinks: Object.fromEntries(Object.entries(sinks).map(([id, value]) => [id, value.inputs as string[]])),
    },
    report,
  );
  if (problems.length > 0) throw new ConfigError(problems);

  for (const [id, transform] of planTransforms)
    transform.inputs = resolvedInputs.get(`transforms.${id}`) ?? [];
  for (const [id, sink] of planSinks) sink.inputs = resolvedInputs.get(`sinks.${id}`) ?? [];
  const anyAcknowledgements = [...planSinks.values()].some((sink) => sink.acknowledgements);
  for (const source of planSources.values()) source.acknowledgements = anyAcknowledgements;

  return {
    dataDir: root.data_dir,
    healthchecks: {
      enabled: root.healthchecks?.enabled ?? true,
      requireHealthy: root.healthchecks?.require_healthy ?? false,
    },
    sources: planSources,
    transforms: planTransforms,
    sinks: planSinks,
  };
}

function enabled(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { enabled?: unknown }).enabled === 'boolean'
  ) {
    return (value as { enabled: boolean }).enabled;
  }
  return fallback;
}

const WHEN_FULL_DEFAULT: WhenFull = 'block';

/** Normalises `buffer` (one stage or a list) and checks the chain rules of buffers.md. */
async function planBuffer(
  buffer: unknown,
  sinkPath: string,
  sinkId: string,
  dataDir: string | undefined,
  registry: ComponentRegistry,
  reportProblem: (path: string, message: string) => void,
  diskDirectories: Map<string, string>,
): Promise<BufferStagePlan[] | undefined> {
  let failed = false;
  const report = (path: string, message: string) => {
    failed = true;
    reportProblem(path, message);
  };
  const isList = Array.isArray(buffer);
  const stages = (buffer === undefined ? [{ type: 'memory' }] : isList ? buffer : [buffer]) as Array<
    Record<string, unknown>
  >;
  const at = (index: number, field?: string) =>
    `${sinkPath}.buffer${isList ? `[${index}]` : ''}${field === undefined ? '' : `.${field}`}`;
  if (stages.length === 0) {
    report(`${sinkPath}.buffer`, `sink "${sinkId}": the buffer list is empty; give at least one stage`);
    return undefined;
  }
  const plans: BufferStagePlan[] = [];
  let diskStages = 0;
  for (const [index, stage] of stages.entries()) {
    const type = String(stage.type ?? 'memory');
    const whenFull = (stage.when_full as WhenFull | undefined) ?? WHEN_FULL_DEFAULT;
    const last = index === stages.length - 1;
    const label = `sink "${sinkId}", buffer stage ${index}`;
    if (whenFull === 'overflow' && last) {
      report(
        at(index, 'when_full'),
        `${label}: "overflow" needs a next stage to overflow to; the last stage must block or drop_newest`,
      );
    }
    if (whenFull !== 'overflow' && !last) {
      report(
        at(index, 'when_full'),
        `${label}: only the last stage may use "${whenFull}"; earlier stages must use "overflow"`,
      );
    }
    if (stage.max_events !== undefined && stage.max_size !== undefined) {
      report(at(index, 'max_events'), `${label}: set either max_events or max_size, not both`);
    }
    if (type === 'disk') {
      diskStages += 1;
      if (stage.max_events !== undefined) {
        report(
          at(index, 'max_events'),
          `${label}: a disk buffer is bounded by max_size (bytes), not max_events`,
        );
      }
      if (dataDir === undefined) {
        report(at(index, 'type'), `${label}: a disk buffer needs the global data_dir to be set`);
      }
      if (diskStages === 2) report(at(index, 'type'), `${label}: a sink can have only one disk stage`);
      checkDiskDirectory(sinkId, diskDirectories, (message) =>
        report(at(index, 'type'), `${label}: ${message}`),
      );
    }
    let definition: BufferDefinition;
    try {
      definition = await registry.resolve('buffer', type);
    } catch (error) {
      report(at(index, 'type'), `${label}: ${SluiceError.isInstance(error) ? error.message : String(error)}`);
      continue;
    }
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(stage))
      if (key !== 'type' && key !== 'when_full') own[key] = value;
    const validate = validatorOf(definition);
    if (!validate(own)) {
      for (const problem of describeSchemaErrors(validate.errors ?? [], own, at(index), validate.schema)) {
        report(problem.path, `${label}: ${problem.message}`);
      }
    }
    plans.push({ type, whenFull, definition, options: deepFreeze(own) });
  }
  return failed ? undefined : plans;
}

/**
 * A disk buffer lives in `<data_dir>/buffer/<sink id>`: the id must be one plain path segment (no
 * separator, no `..`, nothing a file system may fold), and no two may differ only in case, so no
 * two sinks ever share a directory or write outside `data_dir`.
 */
function checkDiskDirectory(
  sinkId: string,
  diskDirectories: Map<string, string>,
  report: (message: string) => void,
): void {
  if (!/^[A-Za-z0-9_-]+$/.test(sinkId)) {
    report(
      'a disk buffer lives in <data_dir>/buffer/<sink id>, so the id of its sink may hold only letters, digits, "_" and "-"',
    );
    return;
  }
  const folded = sinkId.toLowerCase();
  const other = diskDirectories.get(folded);
  if (other !== undefined && other !== sinkId) {
    report(
      `its disk buffer directory would be the same as that of sink "${other}" on a case-insensitive file system; rename one`,
    );
    return;
  }
  diskDirectories.set(folded, sinkId);
}

function deepFreeze<Value>(value: Value): Value {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
