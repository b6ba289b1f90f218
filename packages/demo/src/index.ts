import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import type { Logger } from '@sluice/component-api';
import { type ComponentRegistry, MetricsRegistry, planTopology, Topology } from '@sluice/core-topology';
import { followStream, kinesisLocalAvailable, startKinesisLocal } from '@sluice/kinesis-local';

/** What the demo prints to and stops on: the CLI passes its own. */
export interface DemoIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  signals: NodeJS.EventEmitter;
}

const STREAM = 'sluice-demo';
const SAMPLE_LINES = [
  '127.0.0.1 - ada [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 512',
  '{"level":"info","message":"user logged in","user":"grace"}',
  'Nov 23 10:00:01 web-1 nginx: upstream timed out',
  '10.0.0.7 - - [23/Nov/2026:10:00:02 +0000] "POST /api/orders HTTP/1.1" 201 87',
];

async function portOrFree(preferred: number): Promise<number> {
  const server = createServer();
  server.listen(preferred, '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : preferred;
}

/**
 * `sluice demo`: kinesis-local on a free port, the pipeline socket (tcp) → memory buffer →
 * aws_kinesis_streams, sample lines fed in, and every record read back from the stream printed
 * with a live count. Ctrl-C (or, with `once`, the last sample line read back) stops everything.
 */
export async function runDemo(options: {
  lines: number;
  port: number;
  once?: boolean;
  io: DemoIo;
  logger: Logger;
  /** Must know the socket source and the aws_kinesis_streams sink (the CLI's built-in registry does). */
  registry: ComponentRegistry;
}): Promise<number> {
  const { io, logger } = options;
  if (!kinesisLocalAvailable()) {
    io.stderr(
      'error: sluice demo needs the kinesis-local package: install it with `npm install kinesis-local` (or `pnpm add kinesis-local`)\n',
    );
    return 1;
  }
  io.stdout('starting kinesis-local (a local Kinesis API)…\n');
  const kinesis = await startKinesisLocal({ streams: [{ name: STREAM, shards: 2 }] });
  const stop = new AbortController();
  let topology: Topology | undefined;
  let running: Promise<void> | undefined;
  let follower: Promise<void> | undefined;
  try {
    const port = await portOrFree(options.port);
    const plan = await planTopology(
      {
        sources: {
          demo_in: { type: 'socket', mode: 'tcp', address: `127.0.0.1:${port}`, shutdown_timeout_secs: 1 },
        },
        sinks: {
          kinesis_out: {
            type: 'aws_kinesis_streams',
            inputs: ['demo_in'],
            stream_name: STREAM,
            region: kinesis.region,
            endpoint: kinesis.endpoint,
            batch: { timeout_secs: 0.2 },
            auth: { access_key_id: 'AKIDDEMO', secret_access_key: 'demo-secret' },
            buffer: { type: 'memory', max_events: 500, when_full: 'block' },
          },
        },
      },
      { registry: options.registry },
    );
    topology = await Topology.build(plan, { logger, metrics: new MetricsRegistry() });
    running = topology.run();
    io.stdout(
      `pipeline: socket 127.0.0.1:${port} → memory buffer → aws_kinesis_streams "${STREAM}" at ${kinesis.endpoint}\n` +
        `send your own lines:  nc 127.0.0.1 ${port}   (Ctrl-C to stop)\n`,
    );
    let count = 0;
    let resolveAll: () => void = () => {};
    const allRead = new Promise<void>((resolve) => {
      resolveAll = resolve;
    });
    follower = followStream({
      endpoint: kinesis.endpoint,
      streamName: STREAM,
      signal: stop.signal,
      intervalMs: 300,
      onRecords: (records) => {
        for (const record of records) {
          count += 1;
          io.stdout(`[${count}] ${record.shardId}: ${record.data.toString('utf8')}\n`);
        }
        io.stdout(`records read back from Kinesis: ${count}\n`);
        if (count >= options.lines) resolveAll();
      },
    });
    if (options.lines > 0) {
      const socket = connect(port, '127.0.0.1');
      await once(socket, 'connect');
      for (let index = 0; index < options.lines; index += 1) {
        socket.write(`${SAMPLE_LINES[index % SAMPLE_LINES.length]} #${index + 1}\n`);
      }
      socket.end();
    }
    const signalled = new Promise<void>((resolve) => {
      io.signals.once('SIGINT', () => resolve());
      io.signals.once('SIGTERM', () => resolve());
    });
    await Promise.race(options.once === true ? [allRead, signalled] : [signalled]);
    io.stdout('stopping…\n');
    return 0;
  } finally {
    stop.abort();
    await topology?.shutdown({ deadlineMs: 10_000 });
    await running?.catch(() => {});
    await follower?.catch(() => {});
    await kinesis.stop();
  }
}
