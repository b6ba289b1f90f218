import {
  type BufferDefinition,
  ConfigError,
  type ConfigProblem,
  cloneValue,
  type DataType,
  type FieldValue,
  type JsonSchema,
  type OptionProblem,
  SluiceError,
  type SourceDefinition,
  type TransformOutputs,
  type ValidationContext,
  type WhenFull,
} from '@sluice/component-api';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { AnyDefinition, ComponentRegistry } from '../registry.js';
import { applyDeprecatedOptions, deprecatedComponentTypes } from './deprecated-options.js';
import {
  envelopeSchema,
  IGNORED_VECTOR_GLOBALS,
  SINK_ENVELOPE_KEYS,
  SOURCE_ENVELOPE_KEYS,
  TRANSFORM_ENVELOPE_KEYS,
} from './envelope.js';
import { checkGraph, componentOf } from './graph.js';
import { type InexactInteger, plainNumbers } from './plain-numbers.js';
import type { BufferStagePlan, ComponentPlan, SinkPlan, TopologyPlan, TransformPlan } from './plan.js';
import { describeSchemaErrors } from './schema-errors.js';
import { didYouMean } from './suggest.js';
import { isVectorComponentOption } from './vector-reference.js';

export interface PlanTopologyOptions {
  registry: ComponentRegistry;
  /** The file a dotted path (`sinks.out.region`) came from, for messages. */
  locate?: (path: string) => string | undefined;
  /** Deprecation warnings and options accepted but not implemented, once per option. */
  warn?: (message: string) => void;
  /**
   * Plans for `sluice test`: the config may have no source or sink and components with empty
   * `inputs`, as Vector's unit tests replace the sources and sinks with the tests' inputs and outputs.
   */
  forUnitTests?: boolean;
}

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
  const warn = (path: string, message: string) =>
    options.warn?.(`${locate(path) ?? 'config'}: ${path} ${message}`);

  if (!isTable(config)) {
    report('', 'a config must be a table/object at the top');
    throw new ConfigError(problems);
  }
  // Options get plain numbers (the schema checks numbers); the options of event values get the
  // config's own (`FloatValue`, `bigint`) from `exact`.
  const exact = config;
  const inexact: InexactInteger[] = [];
  const exactPaths = new Set<string>();
  const accepted = acceptVectorGlobals(plainNumbers(config, '', inexact) as Record<string, unknown>, warn);
  // Every problem at once: the envelope's problems are reported, then each component that is
  // well-formed enough is still checked, and the graph of the inputs that are lists.
  if (!validateEnvelope(accepted)) {
    for (const problem of describeSchemaErrors(
      validateEnvelope.errors ?? [],
      accepted,
      '',
      envelopeSchema,
      (field, at) =>
        at === ''
          ? `unknown global option "${field}"${didYouMean(field, Object.keys(envelopeSchema.properties ?? {}))}`
          : undefined,
    )) {
      report(problem.path, problem.message);
    }
  }
  const root = accepted as {
    data_dir?: string;
    healthchecks?: { enabled?: boolean; require_healthy?: boolean };
    acknowledgements?: boolean | { enabled?: boolean };
    sources?: unknown;
    transforms?: unknown;
    sinks?: unknown;
  };
  const sources = componentsOf(root.sources);
  const transforms = componentsOf(root.transforms);
  const sinks = componentsOf(root.sinks);
  const globalAcknowledgements = enabled(root.acknowledgements, false);
  const dataDir = typeof root.data_dir === 'string' ? root.data_dir : undefined;

  const resolve = async <Kind extends AnyDefinition['kind']>(
    kind: Kind,
    component: Record<string, unknown>,
    path: string,
  ) => {
    if (typeof component.type !== 'string' || component.type === '') return undefined;
    const replacement = deprecatedComponentTypes[`${kind}:${component.type}`];
    if (replacement !== undefined)
      options.warn?.(
        `${locate(`${path}.type`) ?? 'config'}: ${path}.type = "${component.type}" is deprecated; use ${replacement}`,
      );
    try {
      return await options.registry.resolve(kind, component.type);
    } catch (error) {
      report(`${path}.type`, SluiceError.isInstance(error) ? error.message : String(error));
      return undefined;
    }
  };

  const moveDeprecated = (
    own: Record<string, unknown>,
    aliases: Readonly<Record<string, string>>,
    path: string,
  ) => {
    const result = applyDeprecatedOptions(own, aliases);
    for (const conflict of result.conflicts) {
      report(
        `${path}.${conflict.oldPath}`,
        `cannot be set together with its new name "${conflict.newPath}"; keep only "${conflict.newPath}"`,
      );
    }
    for (const moved of result.moved)
      warn(`${path}.${moved.oldPath}`, `is deprecated; use ${path}.${moved.newPath}`);
  };

  const componentOptions = (
    definition: AnyDefinition,
    component: Record<string, unknown>,
    envelopeKeys: ReadonlySet<string>,
    path: string,
  ): Readonly<Record<string, unknown>> => {
    const own: Record<string, unknown> = {};
    const [section = '', id = ''] = [path.slice(0, path.indexOf('.')), path.slice(path.indexOf('.') + 1)];
    const exactComponent = componentsOf(exact[section])[id] ?? {};
    for (const [key, value] of Object.entries(component)) {
      if (envelopeKeys.has(key)) continue;
      if (
        'eventValueOptions' in definition &&
        definition.eventValueOptions?.includes(key) === true &&
        key in exactComponent
      ) {
        own[key] = cloneValue(exactComponent[key] as FieldValue);
        exactPaths.add(`${path}.${key}`);
      } else own[key] = structuredClone(value);
    }
    if ('deprecatedOptions' in definition && definition.deprecatedOptions !== undefined)
      moveDeprecated(own, definition.deprecatedOptions, path);
    const validate = validatorOf(definition);
    if (validate(own)) {
      runValidate(definition, own, { dataDir }, path, report);
    } else {
      const explainUnknown = (field: string, at: string) =>
        at === '' && isVectorComponentOption(definition.kind, definition.type, field)
          ? `"${field}" is a Vector option of ${definition.type} that Sluice does not implement yet`
          : undefined;
      for (const problem of describeSchemaErrors(
        validate.errors ?? [],
        own,
        path,
        validate.schema,
        explainUnknown,
      ))
        report(problem.path, problem.message);
    }
    return deepFreeze(own);
  };

  const warnIgnoredEnvelope = (component: Record<string, unknown>, path: string) => {
    if (component.graph !== undefined)
      warn(`${path}.graph`, "is ignored: Sluice's graph command draws no attributes");
    if (component.proxy !== undefined)
      warn(`${path}.proxy`, 'is ignored: Sluice does not implement proxies yet; connections go direct');
    const healthcheck = component.healthcheck;
    if (isTable(healthcheck)) {
      for (const field of ['uri', 'timeout'])
        if (healthcheck[field] !== undefined)
          warn(
            `${path}.healthcheck.${field}`,
            "is ignored: each sink's healthcheck has its own target and deadline",
          );
    }
  };

  const planSources = new Map<string, ComponentPlan<Extract<AnyDefinition, { kind: 'source' }>>>();
  for (const [id, component] of Object.entries(sources)) {
    const path = `sources.${id}`;
    warnIgnoredEnvelope(component, path);
    const definition = await resolve('source', component, path);
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

  const planTransforms = new Map<string, TransformPlan>();
  for (const [id, component] of Object.entries(transforms)) {
    const path = `transforms.${id}`;
    warnIgnoredEnvelope(component, path);
    const definition = await resolve('transform', component, path);
    if (definition === undefined) continue;
    const problemsBefore = problems.length;
    const transformOptions = componentOptions(definition, component, TRANSFORM_ENVELOPE_KEYS, path);
    // Named outputs come from options that passed their checks.
    const outputs =
      problems.length === problemsBefore && definition.outputs !== undefined
        ? definition.outputs(transformOptions)
        : DEFAULT_OUTPUT_ONLY;
    planTransforms.set(id, {
      id,
      type: definition.type,
      definition,
      options: transformOptions,
      inputs: [],
      acknowledgements: false,
      outputs,
    });
  }

  const planSinks = new Map<string, SinkPlan>();
  const diskDirectories = new Map<string, string>();
  for (const [id, component] of Object.entries(sinks)) {
    const path = `sinks.${id}`;
    warnIgnoredEnvelope(component, path);
    const definition = await resolve('sink', component, path);
    const buffer = await planBuffer(component.buffer, path, id, dataDir, options.registry, {
      report,
      moveDeprecated,
      diskDirectories,
    });
    if (definition === undefined || buffer === undefined) continue;
    const sinkOptions = componentOptions(definition, component, SINK_ENVELOPE_KEYS, path);
    planSinks.set(id, {
      id,
      type: definition.type,
      definition,
      options: sinkOptions,
      inputs: [],
      acknowledgements: enabled(component.acknowledgements, globalAcknowledgements),
      buffer,
      healthcheck: enabled(component.healthcheck, true),
    });
  }

  // An integer beyond 2^53 in an option that is a number is rounded: said once per option (the
  // schema refuses it when beyond the option's maximum).
  for (const integer of inexact)
    if (![...exactPaths].some((prefix) => integer.path.startsWith(`${prefix}.`) || integer.path === prefix))
      warn(
        integer.path,
        `= ${integer.literal} is beyond 2^53 − 1, the largest integer an option holds exactly; it is read as ${integer.read}`,
      );

  const resolvedInputs = checkGraph(
    {
      sources: Object.keys(sources),
      transforms: Object.fromEntries(Object.entries(transforms).map(([id, value]) => [id, inputsOf(value)])),
      transformOutputs: Object.fromEntries([...planTransforms].map(([id, plan]) => [id, plan.outputs])),
      sinks: Object.fromEntries(Object.entries(sinks).map(([id, value]) => [id, inputsOf(value)])),
    },
    report,
    { requireEnds: options.forUnitTests !== true },
  );
  if (problems.length > 0) throw new ConfigError(problems);

  for (const [id, transform] of planTransforms)
    transform.inputs = resolvedInputs.get(`transforms.${id}`) ?? [];
  for (const [id, sink] of planSinks) sink.inputs = resolvedInputs.get(`sinks.${id}`) ?? [];
  if (options.forUnitTests !== true)
    for (const message of unconsumedOutputs(planSources, planTransforms, planSinks)) options.warn?.(message);
  checkDataTypes(planSources, planTransforms, planSinks, report);
  if (problems.length > 0) throw new ConfigError(problems);
  const anyAcknowledgements = [...planSinks.values()].some((sink) => sink.acknowledgements);
  for (const source of planSources.values()) source.acknowledgements = anyAcknowledgements;

  return {
    dataDir,
    healthchecks: {
      enabled: root.healthchecks?.enabled ?? true,
      requireHealthy: root.healthchecks?.require_healthy ?? false,
    },
    sources: planSources,
    transforms: planTransforms,
    sinks: planSinks,
  };
}

/**
 * A definition's own checks of its options (`validate`), on options that passed its schema; each
 * problem is reported at the component's path joined with the problem's.
 */
function runValidate(
  definition: AnyDefinition | BufferDefinition,
  options: Record<string, unknown>,
  context: ValidationContext,
  path: string,
  report: (path: string, message: string) => void,
): void {
  if (definition.validate === undefined) return;
  let problems: readonly OptionProblem[];
  try {
    problems = definition.validate(options, context);
  } catch (error) {
    report(
      path,
      `validate() of ${definition.type} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return;
  }
  for (const problem of problems) report(joinPath(path, problem.path), problem.message);
}

/** `sinks.k` and `max_size` give `sinks.k.max_size`; `[0]` and '' join without a dot. */
export function joinPath(base: string, path: string): string {
  if (path === '') return base;
  if (base === '') return path;
  return path.startsWith('[') ? `${base}${path}` : `${base}.${path}`;
}

const DEFAULT_OUTPUT_ONLY: TransformOutputs = Object.freeze({ default: true, named: Object.freeze([]) });

/**
 * Vector's warnings for outputs nobody reads (`Transform "route._unmatched" has no consumers`):
 * what goes there is dropped.
 */
function unconsumedOutputs(
  sources: ReadonlyMap<string, ComponentPlan<SourceDefinition>>,
  transforms: ReadonlyMap<string, TransformPlan>,
  sinks: ReadonlyMap<string, SinkPlan>,
): string[] {
  const consumed = new Set([...transforms.values(), ...sinks.values()].flatMap((plan) => plan.inputs));
  const outputs: Array<[string, string]> = [...sources.keys()].map((id) => ['Source', id]);
  for (const [id, transform] of transforms) {
    if (transform.outputs.default) outputs.push(['Transform', id]);
    for (const name of transform.outputs.named) outputs.push(['Transform', `${id}.${name}`]);
  }
  return outputs
    .filter(([, output]) => !consumed.has(output))
    .map(([kind, output]) => `${kind} "${output}" has no consumers`);
}

/**
 * A sink gets only the data types it accepts, as Vector checks: the sources behind each input
 * (through transforms, which pass on what they get) name what may arrive.
 */
function checkDataTypes(
  sources: ReadonlyMap<string, ComponentPlan<SourceDefinition>>,
  transforms: ReadonlyMap<string, TransformPlan>,
  sinks: ReadonlyMap<string, SinkPlan>,
  report: (path: string, message: string) => void,
): void {
  const origins = (input: string, seen = new Set<string>()): Array<[string, DataType]> => {
    const source = sources.get(input);
    if (source !== undefined) return [[input, source.definition.outputType ?? 'log']];
    // A named output (`route.errors`) carries what its transform gets.
    const id = componentOf(input);
    if (seen.has(id)) return [];
    seen.add(id);
    // `<sink>.rejected` outputs carry log events.
    return (transforms.get(id)?.inputs ?? []).flatMap((transformInput) => origins(transformInput, seen));
  };
  for (const [id, sink] of sinks) {
    const accepted = sink.definition.inputTypes ?? ['log'];
    for (const input of sink.inputs)
      for (const [source, type] of origins(input))
        if (!accepted.includes(type))
          report(
            `sinks.${id}.inputs`,
            `data type mismatch: "${source}" (${sources.get(source)?.type}) sends ${type} events, and "${id}" (${sink.type}) accepts ${accepted.join(' and ')} events only`,
          );
  }
}

function isTable(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The components of a section that are tables (anything else is an envelope problem, already reported). */
function componentsOf(section: unknown): Record<string, Record<string, unknown>> {
  if (!isTable(section)) return {};
  return Object.fromEntries(
    Object.entries(section).filter((entry): entry is [string, Record<string, unknown>] => isTable(entry[1])),
  );
}

/** A component's inputs when they are a list of names; otherwise undefined (reported by the envelope). */
function inputsOf(component: Record<string, unknown>): string[] | undefined {
  const inputs = component.inputs;
  return Array.isArray(inputs) && inputs.every((input) => typeof input === 'string' && input !== '')
    ? inputs
    : undefined;
}

/**
 * Vector's global options Sluice does not implement are accepted with one warning each, naming the
 * option, and left out of what is checked.
 */
function acceptVectorGlobals(
  config: Record<string, unknown>,
  warn: (path: string, message: string) => void,
): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!IGNORED_VECTOR_GLOBALS.includes(key)) {
      kept[key] = value;
    } else {
      warn(key, 'is a Vector global option that Sluice does not implement yet; ignored');
    }
  }
  return kept;
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
/** Vector's older name for a buffer's `max_events`. */
const BUFFER_DEPRECATED_OPTIONS: Readonly<Record<string, string>> = { num_items: 'max_events' };

/** Normalises `buffer` (one stage or a list) and checks the chain rules of buffers.md. */
async function planBuffer(
  buffer: unknown,
  sinkPath: string,
  sinkId: string,
  dataDir: string | undefined,
  registry: ComponentRegistry,
  context: {
    report: (path: string, message: string) => void;
    moveDeprecated: (
      own: Record<string, unknown>,
      aliases: Readonly<Record<string, string>>,
      path: string,
    ) => void;
    diskDirectories: Map<string, string>;
  },
): Promise<BufferStagePlan[] | undefined> {
  const { diskDirectories } = context;
  let failed = false;
  const report = (path: string, message: string) => {
    failed = true;
    context.report(path, message);
  };
  const isList = Array.isArray(buffer);
  const given = buffer === undefined ? [{}] : isList ? buffer : [buffer];
  // A stage that is not a table is an envelope problem, already reported.
  if (!given.every(isTable)) return undefined;
  const stages = given.map((stage) => ({ ...stage }));
  const at = (index: number, field?: string) =>
    `${sinkPath}.buffer${isList ? `[${index}]` : ''}${field === undefined ? '' : `.${field}`}`;
  if (stages.length === 0) {
    report(`${sinkPath}.buffer`, `sink "${sinkId}": the buffer list is empty; give at least one stage`);
    return undefined;
  }
  const plans: BufferStagePlan[] = [];
  let diskStages = 0;
  for (const [index, stage] of stages.entries()) {
    context.moveDeprecated(stage, BUFFER_DEPRECATED_OPTIONS, at(index));
    if (stage.type !== undefined && typeof stage.type !== 'string') {
      failed = true; // the envelope reported it
      continue;
    }
    // Without `type`, a stage is a memory buffer, as in Vector.
    const type = stage.type ?? 'memory';
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
    if (validate(own)) {
      runValidate(definition, own, { dataDir }, at(index), (path, message) =>
        report(path, `${label}: ${message}`),
      );
    } else {
      for (const problem of describeSchemaErrors(validate.errors ?? [], own, at(index), validate.schema)) {
        report(problem.path, `${label}: ${problem.message}`);
      }
    }
    plans.push({ type, whenFull, definition, options: deepFreeze(own), path: at(index) });
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
