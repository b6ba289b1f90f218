import { type Batch, createLogEvent, EVENT_OVERHEAD_BYTES, type LogEvent } from '@sluice/component-api';
import { MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import transformVrl, { remapTransform } from '@sluice/transform-vrl';
import { compile, type Value } from '@sluice/vrl';
import { benchRegistry, counter, quietLogger } from '../harness.js';
import { cpuPerEvent, type Measurement, measure, median, type Scenario } from '../scenario.js';

/**
 * The typical program of the public Vector configs (issue 28: a median of 6 lines): parse the
 * JSON line, drop a secret, coerce with a fallback, set a field by a condition.
 */
export const PROGRAM = `. = parse_json!(string!(.message))
del(.password)
.status = to_int(.status) ?? 0
.bytes = to_int(.bytes) ?? 0
if .status >= 500 { .level = "error" } else { .level = "info" }
.service = "web"`;

/** JSON access-log lines, numbers as strings as many services write them. */
const LINES = [
  '{"host":"10.1.2.3","method":"GET","path":"/api/v1/items/42","status":"200","bytes":"5123","password":"hunter2","user_agent":"curl/8.5.0"}',
  '{"host":"10.1.2.4","method":"POST","path":"/api/v1/orders","status":"503","bytes":"87","password":"s3cret","user_agent":"Mozilla/5.0"}',
  '{"host":"10.1.2.5","method":"GET","path":"/health","status":"204","bytes":"0","password":"x","user_agent":"kube-probe/1.30"}',
  '{"host":"10.1.2.6","method":"DELETE","path":"/api/v1/items/7","status":"404","bytes":"-","password":"y","user_agent":"python-requests/2.32"}',
];

/** Runs `total` events of demo_logs (the lines above, shuffled) through `transforms` into the counting sink. */
async function pipeline(label: string, total: number, withRemap: boolean): Promise<Measurement> {
  const registry = benchRegistry();
  registry.register(transformVrl, '@sluice/transform-vrl');
  const plan = await planTopology(
    {
      sources: {
        app: { type: 'demo_logs', format: 'shuffle', lines: LINES, interval: 0, count: total },
      },
      ...(withRemap ? { transforms: { parse: { type: 'remap', inputs: ['app'], source: PROGRAM } } } : {}),
      sinks: { out: { type: 'bench_counter', inputs: [withRemap ? 'parse' : 'app'] } },
    },
    { registry },
  );
  const topology = await Topology.build(plan, { logger: quietLogger, metrics: new MetricsRegistry() });
  counter.reset(total);
  let running: Promise<void> | undefined;
  const measured = await measure(label, async () => {
    running = topology.run();
    await counter.done;
    return { events: counter.seen };
  });
  await topology.shutdown({ deadlineMs: 10_000 });
  await running;
  return measured;
}

/**
 * The program alone on `{ message: line }` events: this engine (compiled once, run per event) vs
 * `@bpinternal/verel`, the Rust VRL compiled to WebAssembly (it compiles on each call).
 */
async function engineAgainstVerel(total: number): Promise<{ engine: Measurement; wasm: Measurement }> {
  const program = compile(PROGRAM);
  const engine = await measure('@sluice/vrl: the program alone', async () => {
    for (let index = 0; index < total; index += 1)
      program.run({ message: LINES[index % LINES.length] as string }, { metadata: {}, timezone: 'UTC' });
    return { events: total };
  });
  // verel is some hundred times slower: fewer events, the same lines; the ratio is of events/s.
  const verelTotal = Math.max(LINES.length, Math.floor(total / 20));
  // Imported last, so the peak RSS of the measurements before is not its WebAssembly module's; its
  // first call instantiates the module: not per-event work.
  const verel = await import('@bpinternal/verel');
  verel.execute(PROGRAM, { message: LINES[0] as string });
  const wasm = await measure('@bpinternal/verel (Rust VRL in WebAssembly): the program alone', async () => {
    for (let index = 0; index < verelTotal; index += 1)
      verel.execute(PROGRAM, { message: LINES[index % LINES.length] as string });
    return { events: verelTotal };
  });
  return { engine, wasm };
}

/** Events as demo_logs makes them (a batch of `size`), for the transform without a pipeline. */
function demoBatch(size: number): Batch {
  const timestamp = new Date();
  const batch: LogEvent[] = [];
  for (let index = 0; index < size; index += 1) {
    const message = LINES[index % LINES.length] as string;
    batch.push(
      createLogEvent(
        { message, timestamp, source_type: 'demo_logs', service: 'vector', host: 'localhost' },
        { byteSize: message.length + EVENT_OVERHEAD_BYTES },
      ),
    );
  }
  return batch;
}

/**
 * The remap transform on batches against the engine alone running the program over the same
 * events (as the transform runs it: the given event kept for a failure): what the transform adds.
 */
async function transformAgainstEngine(
  total: number,
): Promise<{ transform: Measurement; engine: Measurement }> {
  const batchSize = 1_000;
  const options = {
    source: PROGRAM,
    drop_on_error: false,
    drop_on_abort: true,
    reroute_dropped: false,
    metric_tag_values: 'single',
    runtime: 'ast',
  } as const;
  remapTransform.validate?.(options, { dataDir: undefined });
  // A context of its own (testkit's would bring 180 MiB of test dependencies into the peak RSS).
  const context = {
    id: 'parse',
    logger: quietLogger,
    metrics: new MetricsRegistry().componentMetrics({
      component_id: 'parse',
      component_kind: 'transform',
      component_type: 'remap',
    }),
    dataDir: undefined,
    signal: new AbortController().signal,
    acknowledgements: false,
  };
  const remap = remapTransform.create(options, context) as {
    transform(batch: Batch): unknown;
  };
  const runner = compile(PROGRAM).runner({ timezone: 'local', preserveInput: true });
  const engine = await measure('@sluice/vrl: the program over the events', async () => {
    for (let done = 0; done < total; done += batchSize)
      for (const event of demoBatch(batchSize)) runner.run(event.fields as Value, {});
    return { events: total };
  });
  const transform = await measure('remap transform over the same events', async () => {
    for (let done = 0; done < total; done += batchSize) remap.transform(demoBatch(batchSize));
    return { events: total };
  });
  return { transform, engine };
}

/** A difference with its sign (`+0.05`, `-0.02`). */
const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;

/** The CPU target of issue 28: what the program adds to the pipeline, per event. */
const ADDED_CPU_TARGET = 1.0;

const scenario: Scenario = {
  name: 'remap',
  description:
    'demo_logs → remap (a typical 6-line program) → counting sink vs the same pipeline without remap',
  async run(options) {
    const total = options.events ?? (options.quick ? 50_000 : 1_000_000);
    // Three rounds, taking turns, the median of each: one run on a shared machine can be an outlier.
    const runs: { remap: Measurement[]; bare: Measurement[] } = { remap: [], bare: [] };
    for (let round = 0; round < (options.quick ? 1 : 3); round += 1) {
      runs.remap.push(await pipeline('demo_logs → remap → blackhole', total, true));
      runs.bare.push(await pipeline('demo_logs → blackhole', total, false));
    }
    const subject = median(runs.remap);
    const baseline = median(runs.bare);
    // Before verel: its WebAssembly module would be in this measurement's peak RSS.
    const overhead = await transformAgainstEngine(options.quick ? 20_000 : 500_000);
    const { engine, wasm } = await engineAgainstVerel(options.quick ? 20_000 : 200_000);
    const transformAdds =
      (cpuPerEvent(overhead.transform) ?? Number.NaN) - (cpuPerEvent(overhead.engine) ?? Number.NaN);
    const added = (cpuPerEvent(subject) ?? Number.NaN) - (cpuPerEvent(baseline) ?? Number.NaN);
    return [
      {
        name: `remap (typical program): ${signed(added)} µs CPU/ev`,
        subject,
        baseline,
        target: `≤ ${ADDED_CPU_TARGET} µs CPU/ev added to the pipeline`,
        met: added <= ADDED_CPU_TARGET,
      },
      { name: 'VRL engine alone vs verel', subject: engine, baseline: wasm, target: 'the ratio (issue 28)' },
      {
        name: `remap transform vs the engine alone: ${signed(transformAdds)} µs CPU/ev`,
        subject: overhead.transform,
        baseline: overhead.engine,
        target: 'the ratio (the transform around the program)',
      },
    ];
  },
};

export default scenario;
