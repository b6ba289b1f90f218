import {
  type Batch,
  cloneLogEvent,
  createLogEvent,
  type FieldMap,
  type FieldValue,
  type LogEvent,
  type Logger,
  type Transform,
} from '@sluice/component-api';
import { componentOf, MetricsRegistry, type TopologyPlan } from '@sluice/core-topology';
import { createEncoder } from '@sluice/encoding';
import { buildCondition, type Condition, type ConditionConfig, isObjectValue } from '@sluice/transform-vrl';
import { CompileError, compile, insertPath, parseTargetPath, type Value } from '@sluice/vrl';

/*
 * `sluice test`: Vector's unit tests (`[[tests]]`, see Vector's src/config/unit_test/). Each test
 * builds only the transforms on the paths from its inputs' `insert_at` to its outputs'
 * `extract_from` (and `no_outputs_from`), gives them the input events, and checks what comes out.
 * No source or sink runs. Messages are Vector's, so a failing test reads the same in both.
 */

/** A test as the config has it (its shape checked by the config's schema). */
export interface UnitTestDefinition {
  name: string;
  input?: UnitTestInput;
  inputs?: UnitTestInput[];
  outputs?: UnitTestOutput[];
  no_outputs_from?: string[];
}

/** Vector's `Metric` of a test input, as Sluice's metric events hold one (see `internal_metrics`). */
export interface UnitTestMetric {
  name: string;
  kind: string;
  [field: string]: unknown;
}

export interface UnitTestInput {
  insert_at: string;
  type?: string;
  value?: string;
  source?: string;
  log_fields?: FieldMap;
  metric?: UnitTestMetric;
}

export interface UnitTestOutput {
  extract_from: string | string[];
  conditions?: ConditionConfig[];
  expected_event_count?: number;
}

export interface UnitTest {
  name: string;
  /** Runs the test; resolves to its failures (none: passed). */
  run(): Promise<string[]>;
}

interface OutputCheck {
  ids: string[];
  /** One list of conditions per `outputs` entry with these `extract_from`. */
  checks: Condition[][];
  expectedEventCount: number | undefined;
}

/** `["a", "b"]`, as Vector prints a list of component ids. */
/** Events as Vector prints them here (`serde_json` of the log: sorted keys, `2.0`, every digit). */
const payloadEncoder = createEncoder({ codec: 'json' });

const listOf = (ids: readonly string[]) => `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`;

function inputEvent(input: UnitTestInput): LogEvent {
  // As Vector's `LogEvent::from_str_legacy`: a message and the time of now.
  const type = input.type ?? 'raw';
  switch (type) {
    case 'raw':
      if (input.value === undefined) throw new Error("input type 'raw' requires the field 'value'");
      return createLogEvent({ message: input.value, timestamp: new Date() });
    case 'log': {
      if (input.log_fields === undefined) throw new Error("input type 'log' requires the field 'log_fields'");
      const event = createLogEvent({ message: '', timestamp: new Date() });
      // Each key is a path (`a.b[0]`, `%meta`), as Vector's `parse_path_and_insert`.
      let metadata: Value | undefined;
      for (const [path, value] of Object.entries(input.log_fields)) {
        const target = parseTargetPath(path);
        const copy = structuredClone(value) as Value;
        if (target.prefix === 'metadata') metadata = insertPath(metadata ?? {}, target.path, copy);
        else event.fields = insertPath(event.fields as Value, target.path, copy) as FieldMap;
      }
      if (metadata !== undefined) event.metadata.value = metadata as FieldValue;
      return event;
    }
    case 'vrl':
      if (input.source === undefined) throw new Error("input type 'vrl' requires the field 'source'");
      return vrlInputEvent(input.source);
    case 'metric': {
      const metric = input.metric;
      if (metric === undefined) throw new Error("input type 'metric' requires the field 'metric'");
      for (const field of ['name', 'kind'] as const)
        if (typeof metric[field] !== 'string') throw new Error(`invalid metric: missing field \`${field}\``);
      return createLogEvent(structuredClone(metric) as FieldMap, { dataType: 'metric', structured: true });
    }
    default:
      throw new Error(`unrecognized input type '${type}', expected one of: 'raw', 'log' or 'metric'`);
  }
}

/**
 * The event a `vrl` input's program builds from an empty one (its metadata from an empty object), as
 * Vector. A value that is not an object becomes the event's `message` (as a remap's output does).
 */
function vrlInputEvent(source: string): LogEvent {
  let program: ReturnType<typeof compile>;
  try {
    program = compile(source);
  } catch (error) {
    if (error instanceof CompileError) throw new Error(`\n${error.message}\n\n`);
    throw error;
  }
  const result = program.run({}, { metadata: {}, timezone: 'local' });
  if (result.status !== 'ok') throw new Error(result.message);
  const event = createLogEvent(
    isObjectValue(result.event) ? result.event : { message: result.event as FieldValue },
  );
  event.metadata.value = result.metadata as FieldValue;
  return event;
}

/** Groups outputs by their `extract_from` list, compiling the conditions (Vector's `build_outputs`). */
function buildOutputChecks(
  outputs: readonly UnitTestOutput[],
  warn: (message: string) => void,
): { checks: OutputCheck[]; errors: string[] } {
  const errors: string[] = [];
  const byIds = new Map<string, OutputCheck>();
  for (const [outputIndex, output] of outputs.entries()) {
    const ids = typeof output.extract_from === 'string' ? [output.extract_from] : output.extract_from;
    const conditions: Condition[] = [];
    for (const [index, config] of (output.conditions ?? []).entries()) {
      try {
        const condition = buildCondition(config);
        conditions.push(condition);
        if (condition.warnings !== '')
          warn(
            `outputs[${outputIndex}].conditions[${index}]: VRL compilation warning.\n${condition.warnings}`,
          );
      } catch (error) {
        errors.push(`failed to create test condition '${index}': ${(error as Error).message}`);
      }
    }
    const key = JSON.stringify(ids);
    const existing = byIds.get(key);
    const count = output.expected_event_count;
    if (existing === undefined) {
      byIds.set(key, { ids, checks: [conditions], expectedEventCount: count });
      continue;
    }
    if (
      existing.expectedEventCount !== undefined &&
      count !== undefined &&
      existing.expectedEventCount !== count
    )
      errors.push(
        `conflicting expected_event_count for extract_from ${listOf(ids)}: ${existing.expectedEventCount} vs ${count}`,
      );
    existing.expectedEventCount ??= count;
    existing.checks.push(conditions);
  }
  for (const check of byIds.values())
    if (check.expectedEventCount === 0 && check.checks.some((conditions) => conditions.length > 0))
      errors.push(
        `output for ${listOf(check.ids)} has expected_event_count of 0 but also defines conditions; conditions cannot be evaluated when no events are expected`,
      );
  return { checks: [...byIds.values()], errors };
}

/** The ids reachable from `starts` following `next`, the starts included. */
function reachable(starts: Iterable<string>, next: (id: string) => Iterable<string>): Set<string> {
  const found = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...next(id));
  }
  return found;
}

/** Builds one test, or returns why it cannot be built (the order of Vector's checks). */
function buildUnitTest(
  definition: UnitTestDefinition,
  plan: TopologyPlan,
  logger: Logger,
): UnitTest | { errors: string[] } {
  const { name } = definition;
  const transforms = plan.transforms;
  const outputs = definition.outputs ?? [];
  const noOutputsFrom = definition.no_outputs_from ?? [];
  const errors: string[] = [];
  // The outputs of transforms: `<id>` (the default one) and `<id>.<name>` (a route's routes, …).
  const exists = (output: string) => {
    const transform = transforms.get(componentOf(output));
    if (transform === undefined) return false;
    return output === transform.id
      ? transform.outputs.default
      : transform.outputs.named.some((named) => `${transform.id}.${named}` === output);
  };
  for (const output of outputs) {
    for (const from of typeof output.extract_from === 'string'
      ? [output.extract_from]
      : output.extract_from) {
      if (noOutputsFrom.includes(from))
        errors.push(`Invalid extract_from target in test '${name}': '${from}' listed in no_outputs_from`);
      else if (!exists(from))
        errors.push(`Invalid extract_from target in test '${name}': '${from}' does not exist`);
    }
  }
  for (const id of noOutputsFrom)
    if (!exists(id)) errors.push(`Invalid no_outputs_from target in test '${name}': '${id}' does not exist`);
  if (errors.length > 0) return { errors };

  const inputs = [
    ...(definition.inputs ?? []),
    ...(definition.input === undefined ? [] : [definition.input]),
  ];
  if (inputs.length === 0) return { errors: ['must specify at least one input.'] };
  const inserted = new Map<string, LogEvent[]>();
  for (const [index, input] of inputs.entries()) {
    if (!transforms.has(input.insert_at)) {
      errors.push(`inputs[${index}]: unable to locate target transform '${input.insert_at}'`);
      continue;
    }
    try {
      const events = inserted.get(input.insert_at) ?? [];
      events.push(inputEvent(input));
      inserted.set(input.insert_at, events);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  if (errors.length > 0) return { errors };

  if (outputs.length === 0 && noOutputsFrom.length === 0)
    return { errors: ['unit test must contain at least one of `outputs` or `no_outputs_from`.'] };
  const warn = (message: string) => logger.warn(`test "${name}": ${message}`);
  const built = buildOutputChecks(outputs, warn);
  if (built.errors.length > 0) return { errors: built.errors };

  // Only the transforms on a path from an input to an output take part.
  const consumers = new Map<string, string[]>();
  for (const [id, transform] of transforms)
    for (const input of transform.inputs)
      consumers.set(componentOf(input), [...(consumers.get(componentOf(input)) ?? []), id]);
  const targets = [...built.checks.flatMap((check) => check.ids), ...noOutputsFrom].map(componentOf);
  const upstream = reachable(targets, (id) => (transforms.get(id)?.inputs ?? []).map(componentOf));
  for (const id of inserted.keys())
    if (!upstream.has(id))
      errors.push(`Unable to complete topology between input target '${id}' and output target(s)`);
  if (errors.length > 0) return { errors };
  const downstream = reachable(inserted.keys(), (id) => consumers.get(id) ?? []);
  const order: string[] = [];
  const visit = (id: string) => {
    if (order.includes(id) || !downstream.has(id) || !upstream.has(id)) return;
    for (const input of transforms.get(id)?.inputs ?? []) visit(componentOf(input));
    order.push(id);
  };
  for (const id of transforms.keys()) visit(id);

  return {
    name,
    run: () => runUnitTest({ plan, order, inserted, checks: built.checks, noOutputsFrom, logger }),
  };
}

async function runUnitTest(test: {
  plan: TopologyPlan;
  order: readonly string[];
  inserted: ReadonlyMap<string, LogEvent[]>;
  checks: readonly OutputCheck[];
  noOutputsFrom: readonly string[];
  logger: Logger;
}): Promise<string[]> {
  const errors: string[] = [];
  const emitted = new Map<string, Batch>();
  const metrics = new MetricsRegistry();
  const stop = new AbortController();
  const created: Transform[] = [];
  try {
    for (const id of test.order) {
      const plan = test.plan.transforms.get(id);
      if (plan === undefined) continue;
      const labels = { component_id: id, component_kind: 'transform', component_type: plan.type };
      const transform = await plan.definition.create(plan.options, {
        id,
        logger: test.logger.child(labels),
        metrics: metrics.componentMetrics(labels),
        dataDir: test.plan.dataDir,
        signal: stop.signal,
        acknowledgements: false,
      });
      created.push(transform);
      // Each consumer gets its own copy (as the runtime's fan-out); what was emitted stays as it was.
      const batch = [
        ...plan.inputs.flatMap((input) => (emitted.get(input) ?? []).map(cloneLogEvent)),
        ...(test.inserted.get(id) ?? []),
      ];
      try {
        // What each output of the transform emitted, by output id (`route.errors`).
        const result = batch.length === 0 ? [] : await transform.transform(batch);
        emitted.set(id, Array.isArray(result) ? result : result.default);
        if (!Array.isArray(result))
          for (const [output, events] of result.named) emitted.set(`${id}.${output}`, events);
      } catch (error) {
        errors.push(`transform "${id}" failed: ${error instanceof Error ? error.message : String(error)}`);
        emitted.set(id, []);
      }
    }
  } finally {
    stop.abort();
    for (const transform of created) await transform.close?.();
  }

  for (const { ids, checks, expectedEventCount } of test.checks) {
    const events = ids.flatMap((id) => emitted.get(id) ?? []);
    const failures: string[] = [];
    if (expectedEventCount !== undefined && events.length !== expectedEventCount)
      failures.push(
        `expected ${expectedEventCount} events from transforms ${listOf(ids)}, but received ${events.length}`,
      );
    if (events.length === 0 && expectedEventCount !== 0) {
      failures.push(
        `checks for transforms ${listOf(ids)} failed: no events received. Topology may be disconnected or transform is missing inputs.`,
      );
    } else {
      for (const [checkIndex, conditions] of checks.entries()) {
        // A condition holds when one event satisfies it; otherwise each event's reason is listed.
        const reasons = conditions.flatMap((condition, index) => {
          const each = events.map((event) => condition.explain(event));
          return each.includes(undefined) ? [] : each.map((reason) => `  condition[${index}]: ${reason}`);
        });
        if (reasons.length > 0)
          failures.push(`check[${checkIndex}] for transforms ${listOf(ids)} failed conditions:`, ...reasons);
      }
      if (failures.length > 0)
        failures.push(
          `output payloads from ${listOf(ids)} (events encoded as JSON):\n  ${events.map((event) => payloadEncoder.encodeToString(event)).join('\n  ')}`,
        );
    }
    errors.push(...failures);
  }
  for (const id of test.noOutputsFrom)
    if ((emitted.get(id) ?? []).length > 0)
      errors.push(`check for transforms ${listOf([id])} failed: expected no outputs`);
  return errors;
}

/**
 * Builds every test of a config planned `forUnitTests`. As Vector, a test that cannot be built
 * stops them all: its errors come back, each test's under `Failed to build test '<name>'`.
 */
export function buildUnitTests(
  definitions: readonly UnitTestDefinition[],
  plan: TopologyPlan,
  logger: Logger,
): { tests: UnitTest[]; errors: string[] } {
  const tests: UnitTest[] = [];
  const errors: string[] = [];
  for (const definition of definitions) {
    const built = buildUnitTest(definition, plan, logger);
    if ('errors' in built)
      errors.push(
        `Failed to build test '${definition.name}':\n  ${built.errors.join('\n').replaceAll('\n', '\n  ')}`,
      );
    else tests.push(built);
  }
  return { tests, errors };
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A JUnit XML report of the results, as `vector test --junit-report` writes it. */
export function junitReport(
  results: ReadonlyArray<{ name: string; errors: string[]; milliseconds: number }>,
): string {
  const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(3);
  const failures = results.filter((result) => result.errors.length > 0).length;
  const total = seconds(results.reduce((sum, result) => sum + result.milliseconds, 0));
  const cases = results.map(({ name, errors, milliseconds }) => {
    const failure =
      errors.length === 0 ? '' : `\n            <failure>${escapeXml(errors.join('\n'))}</failure>`;
    return `        <testcase name="${escapeXml(name)}" time="${seconds(milliseconds)}">${failure}\n        </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Vector Unit Tests" tests="${results.length}" failures="${failures}" errors="0" time="${total}">`,
    `    <testsuite name="Test Suite" tests="${results.length}" disabled="0" errors="0" failures="${failures}" time="${total}">`,
    ...cases,
    '    </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
