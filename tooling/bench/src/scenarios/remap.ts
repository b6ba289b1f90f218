import { MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import transformVrl from '@sluice/transform-vrl';
import { compile } from '@sluice/vrl';
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
    const { engine, wasm } = await engineAgainstVerel(options.quick ? 20_000 : 200_000);
    const added = (cpuPerEvent(subject) ?? Number.NaN) - (cpuPerEvent(baseline) ?? Number.NaN);
    return [
      {
        name: `remap (typical program): +${added.toFixed(2)} µs CPU/ev`,
        subject,
        baseline,
        target: `≤ ${ADDED_CPU_TARGET} µs CPU/ev added to the pipeline`,
        met: added <= ADDED_CPU_TARGET,
      },
      { name: 'VRL engine alone vs verel', subject: engine, baseline: wasm, target: 'the ratio (issue 28)' },
    ];
  },
};

export default scenario;
