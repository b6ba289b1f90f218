import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { getHeapStatistics } from 'node:v8';

const runFile = promisify(execFile);

/** One measured run: a subject (Sluice) or its baseline, measured in the same process run. */
export interface Measurement {
  label: string;
  events: number;
  seconds: number;
  /** Payload bytes moved, for MiB/s. */
  bytes?: number;
  /** CPU time (user + system) of the measured process, for µs/event. */
  cpuMicroseconds?: number;
  /** Peak resident set size of the measured process, MiB. */
  peakRssMebibytes?: number;
  /**
   * Bytes the measured process allocated on the V8 heap, where V8 counts them (Node 26 on): unlike
   * time, it does not move with the machine's load, so it shows a change on a busy machine.
   */
  heapAllocatedBytes?: number;
}

/** A subject measured against a baseline; the ratio of their events/s is the figure that counts. */
export interface Comparison {
  /** Row name, e.g. `tcp → blackhole`. */
  name: string;
  subject: Measurement;
  baseline: Measurement;
  /** The target as text, e.g. `≥ 1M events/s and ratio ≥ 0.25`. */
  target?: string;
  /** Whether the target was met in this run, where the scenario checks it. */
  met?: boolean;
}

/** The peak RSS every scenario stays under, on every supported Node (docs/memory.md). */
export const RSS_LIMIT_MEBIBYTES = 150;

/** V8's count of bytes allocated so far; undefined before Node 26. */
function heapAllocated(): number | undefined {
  return (getHeapStatistics() as { total_allocated_bytes?: number }).total_allocated_bytes;
}

/** Heap bytes allocated per event; undefined when not measured. */
export function allocatedPerEvent(measurement: Measurement): number | undefined {
  return measurement.heapAllocatedBytes === undefined || measurement.events === 0
    ? undefined
    : measurement.heapAllocatedBytes / measurement.events;
}

/** CPU time per event, µs; undefined when not measured. */
export function cpuPerEvent(measurement: Measurement): number | undefined {
  return measurement.cpuMicroseconds === undefined || measurement.events === 0
    ? undefined
    : measurement.cpuMicroseconds / measurement.events;
}

export interface ScenarioOptions {
  /** Event size in bytes (default 200–300 depending on the scenario). */
  size: number | undefined;
  /** A short run (for smoke tests): fewer events, same code paths. */
  quick: boolean;
  /** The single executable to run subjects through (`--executable`, default the one in release/). */
  executable: string | undefined;
  /** Events per pipeline run instead of the scenario's default (`--events`: a long run shows growth). */
  events?: number | undefined;
}

/**
 * A benchmark scenario. `run` measures its subject and its baseline in the same run and returns
 * the comparisons. Scenarios run one per child process so peak RSS is their own.
 */
export interface Scenario {
  name: string;
  description: string;
  run(options: ScenarioOptions): Promise<Comparison[]>;
}

export function eventsPerSecond(measurement: Measurement): number {
  return measurement.events / measurement.seconds;
}

const STATUS = '/proc/self/status';

/**
 * Resets the kernel's peak-RSS mark of this process (Linux: `5` to `/proc/self/clear_refs`), so
 * `VmHWM` is the peak of what follows, not of the set-up; false where that is not possible.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The kernel's peak RSS of this process in bytes (`VmHWM`), or undefined where there is none. */
function kernelPeakRss(): number | undefined {
  try {
    const kibibytes = /VmHWM:\s+(\d+)/.exec(readFileSync(STATUS, 'utf8'))?.[1];
    return kibibytes === undefined ? undefined : Number(kibibytes) * 1024;
  } catch {
    return undefined;
  }
}

/** Measures wall time, CPU time and peak RSS around `work`, which returns the events and bytes it moved. */
export async function measure(
  label: string,
  work: () => Promise<{ events: number; bytes?: number }>,
): Promise<Measurement> {
  // Start from a settled heap (the runner passes --expose-gc): otherwise the garbage of the input
  // set-up, or of the previous measurement, is collected on this one's time.
  (globalThis as { gc?: () => void }).gc?.();
  // The kernel's high-water mark when it can be reset (it misses no short peak); else sampled.
  const kernelPeak = resetPeakRss();
  const cpuBefore = process.cpuUsage();
  const allocatedBefore = heapAllocated();
  const started = process.hrtime.bigint();
  let peakRss = process.memoryUsage.rss();
  // Sampling only where the kernel keeps no peak: reading the RSS 50 times a second cost the
  // measured process 2% of its CPU time.
  const sampler = kernelPeak
    ? undefined
    : setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }, 20);
  sampler?.unref();
  try {
    const { events, bytes } = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const allocatedAfter = heapAllocated();
    peakRss = Math.max(peakRss, process.memoryUsage.rss(), (kernelPeak && kernelPeakRss()) || 0);
    return {
      label,
      events,
      seconds,
      ...(bytes === undefined ? {} : { bytes }),
      cpuMicroseconds: cpu.user + cpu.system,
      peakRssMebibytes: peakRss / 1024 / 1024,
      ...(allocatedBefore === undefined || allocatedAfter === undefined
        ? {}
        : { heapAllocatedBytes: allocatedAfter - allocatedBefore }),
    };
  } finally {
    if (sampler !== undefined) clearInterval(sampler);
  }
}

/** The measurement with the median events/s: this machine is shared, one run can be an outlier. */
export function median(measurements: readonly Measurement[]): Measurement {
  const sorted = [...measurements].sort((a, b) => eventsPerSecond(a) - eventsPerSecond(b));
  return sorted[Math.floor(sorted.length / 2)] as Measurement;
}

/**
 * Runs `script` (a file of this package's `dist`) in a fresh process of this Node with this
 * process's flags; the script prints one `Measurement` as JSON on its last line of stdout. A
 * pipeline measured in its own process has its own peak RSS, not the heap its predecessors left.
 */
export async function measureInChild(
  script: string,
  args: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<Measurement> {
  const { stdout } = await runFile(process.execPath, [...process.execArgv, ...nodeFlags, script, ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Measurement;
}
