import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, sendLines } from '../harness.js';
import { type Measurement, median, type Scenario } from '../scenario.js';
import { countingFake } from './kinesis-common.js';
import { sinkOptions } from './kinesis-sink.js';

const CLI = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  'apps',
  'cli',
  'dist',
  'bin.js',
);
const CLOCK_TICKS_PER_SECOND = 100;

/** How to start sluice: the single executable, or the system Node running the installed CLI. */
export interface Runner {
  label: string;
  command: string;
  args: string[];
}

/** CPU time (µs) and peak RSS (MiB) of a running process, from /proc. */
async function processStats(pid: number): Promise<{ cpuMicroseconds: number; peakRssMebibytes: number }> {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(stat[11]) + Number(stat[12]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const peakKibibytes = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMicroseconds: (ticks * 1e6) / CLOCK_TICKS_PER_SECOND, peakRssMebibytes: peakKibibytes / 1024 };
}

/** Resolves once the source accepts connections; rejects if the process ends first. */
async function listening(port: number, child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`sluice exited with ${code} before listening`);
  });
  for (;;) {
    const socket = connect(port, '127.0.0.1');
    const connected = await Promise.race([
      once(socket, 'connect').then(
        () => true,
        () => false,
      ),
      exited,
    ]);
    socket.destroy();
    if (connected) return;
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 50)), exited]);
  }
}

/** The CLI of this checkout run by this process's Node. */
export function nodeRunner(): Runner {
  return { label: `node ${process.version}`, command: process.execPath, args: [CLI] };
}

/**
 * tcp → buffer → aws_kinesis_streams → counting fake, run as a `sluice --config` process; the sink
 * is the bench's (`sinkOptions`) unless `sink` gives its options for the fake's endpoint.
 */
export async function pipelineProcess(
  runner: Runner,
  label: string,
  total: number,
  size: number,
  buffer: Record<string, unknown>,
  sink: (endpoint: string) => Record<string, unknown> = sinkOptions,
): Promise<Measurement> {
  const fake = await countingFake();
  const port = await freePort();
  const directory = await mkdtemp(join(tmpdir(), 'sluice-bench-executable-'));
  const config = join(directory, 'sluice.json');
  await writeFile(
    config,
    JSON.stringify({
      data_dir: directory,
      sources: { tcp_in: { type: 'socket', mode: 'tcp', address: `127.0.0.1:${port}` } },
      sinks: {
        kinesis_out: {
          type: 'aws_kinesis_streams',
          inputs: ['tcp_in'],
          ...sink(fake.endpoint),
          buffer,
        },
      },
    }),
  );
  const child = spawn(runner.command, [...runner.args, '--quiet', '--config', config], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: directory,
  });
  try {
    await listening(port, child);
    const before = await processStats(child.pid as number);
    const started = process.hrtime.bigint();
    await Promise.all([sendLines(port, total, size + 1), fake.until(total)]);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const after = await processStats(child.pid as number);
    const events = await fake.count();
    return {
      label: `${runner.label}: ${label}`,
      events,
      seconds,
      bytes: events * size,
      cpuMicroseconds: after.cpuMicroseconds - before.cpuMicroseconds,
      peakRssMebibytes: after.peakRssMebibytes,
    };
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    await fake.stop();
    await rm(directory, { recursive: true, force: true });
  }
}

/** `sluice --version`, start to exit, `rounds` times: the cost of starting the runtime and loading the CLI. */
async function startups(runner: Runner, rounds: number): Promise<Measurement> {
  const times: Measurement[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = process.hrtime.bigint();
    const child = spawn(runner.command, [...runner.args, '--version'], { stdio: 'ignore' });
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`${runner.label} --version exited with ${code}`);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    times.push({ label: `${runner.label}: sluice --version`, events: 1, seconds });
  }
  const middle = median(times);
  return { ...middle, label: `${middle.label} in ${(middle.seconds * 1000).toFixed(0)} ms (median)` };
}

const scenario: Scenario = {
  name: 'executable',
  description:
    'the single executable (release/) vs the system Node running the installed CLI: kinesis pipeline with memory and disk buffers as processes, and `--version` startup',
  async run(options) {
    if (options.executable === undefined) {
      throw new Error('no single executable: run pnpm release:build first, or pass --executable <path>');
    }
    const size = options.size ?? 300;
    const total = options.quick ? 50_000 : 500_000;
    const executable: Runner = { label: 'executable', command: options.executable, args: [] };
    const node = nodeRunner();
    const memory = { type: 'memory' };
    const disk = { type: 'disk', max_size: 2 * 1024 * 1024 * 1024 };
    return [
      {
        name: 'process: tcp → memory → kinesis (fake)',
        subject: await pipelineProcess(executable, 'memory', total, size, memory),
        baseline: await pipelineProcess(node, 'memory', total, size, memory),
        target: 'ratio ≈ 1 (same code, newer runtime)',
      },
      {
        name: 'process: tcp → disk → kinesis (fake)',
        subject: await pipelineProcess(executable, 'disk', total, size, disk),
        baseline: await pipelineProcess(node, 'disk', total, size, disk),
        target: 'ratio ≈ 1 (JavaScript CRC-32C vs native)',
      },
      {
        name: 'startup: sluice --version (starts/s)',
        subject: await startups(executable, options.quick ? 3 : 11),
        baseline: await startups(node, options.quick ? 3 : 11),
        target: 'reported, not a target',
      },
    ];
  },
};

export default scenario;
