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
}

/** A subject measured against a baseline; the ratio of their events/s is the figure that counts. */
export interface Comparison {
  /** Row name, e.g. `tcp → blackhole`. */
  name: string;
  subject: Measurement;
  baseline: Measurement;
  /** The target as text, e.g. `≥ 1M events/s and ratio ≥ 0.25`. */
  target?: string;
}

export interface ScenarioOptions {
  /** Event size in bytes (default 200–300 depending on the scenario). */
  size: number | undefined;
  /** A short run (for smoke tests): fewer events, same code paths. */
  quick: boolean;
  /** The single executable to run subjects through (`--executable`, default the one in release/). */
  executable: string | undefined;
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

/** Measures wall time, CPU time and peak RSS around `work`, which returns the events and bytes it moved. */
export async function measure(
  label: string,
  work: () => Promise<{ events: number; bytes?: number }>,
): Promise<Measurement> {
  // Start from a settled heap (the runner passes --expose-gc): otherwise the garbage of the input
  // set-up, or of the previous measurement, is collected on this one's time.
  (globalThis as { gc?: () => void }).gc?.();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  sampler.unref();
  try {
    const { events, bytes } = await work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return {
      label,
      events,
      seconds,
      ...(bytes === undefined ? {} : { bytes }),
      cpuMicroseconds: cpu.user + cpu.system,
      peakRssMebibytes: peakRss / 1024 / 1024,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** The measurement with the median events/s: this machine is shared, one run can be an outlier. */
export function median(measurements: readonly Measurement[]): Measurement {
  const sorted = [...measurements].sort((a, b) => eventsPerSecond(a) - eventsPerSecond(b));
  return sorted[Math.floor(sorted.length / 2)] as Measurement;
}
