import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface KinesisLocal {
  endpoint: string;
  /** Both listen on 127.0.0.1 only. */
  ports: { plain: number; tls: number };
  region: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  streams: ReadonlyArray<{ name: string; shards?: number }>;
  /** How long to wait for the streams to become ACTIVE (default 90 s). */
  timeoutMs?: number;
}

export interface StoredRecord {
  data: Buffer;
  partitionKey: string;
  shardId: string;
  sequenceNumber: string;
}

/** Thrown when the optional `kinesis-local` package is not installed. */
export class KinesisLocalMissingError extends Error {
  constructor() {
    super(
      'the kinesis-local package is not installed; install it with: npm install kinesis-local (or pnpm add kinesis-local)',
    );
    this.name = 'KinesisLocalMissingError';
  }
}

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };

/** A client for kinesis-local: plain HTTP/1.1 (its HTTP/2 answers break the SDK's default handler). */
export function localClient(endpoint: string): KinesisClient {
  return new KinesisClient({
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000 }),
    maxAttempts: 3,
  });
}

/**
 * Ports this process has handed out: the kernel may offer a just-closed port again before its
 * first taker binds it, and two servers of one test then got the same port (EADDRINUSE).
 */
const handedOut = new Set<number>();

/** A free TCP port on 127.0.0.1 (for servers of tests, benchmarks and the demo), never one given before. */
export async function freePort(): Promise<number> {
  for (;;) {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('no free port');
    if (!handedOut.has(address.port)) {
      handedOut.add(address.port);
      return address.port;
    }
  }
}

function packageDirectory(): string {
  const require = createRequire(import.meta.url);
  try {
    return dirname(require.resolve('kinesis-local/package.json'));
  } catch {
    throw new KinesisLocalMissingError();
  }
}

/** Whether `kinesis-local` can be started (the optional package is installed). */
export function kinesisLocalAvailable(): boolean {
  try {
    packageDirectory();
    return true;
  } catch {
    return false;
  }
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Starts kinesis-local (kinesis-mock, the Kinesis implementation LocalStack embeds) on free ports
 * with the given streams, and resolves once every stream is ACTIVE. `stop()` always ends the child.
 */
export async function startKinesisLocal(options: StartOptions): Promise<KinesisLocal> {
  const directory = packageDirectory();
  const plainPort = await freePort();
  const tlsPort = await freePort();
  const loopbackOnly = fileURLToPath(new URL('../listen-on-loopback.cjs', import.meta.url));
  const child = spawn(process.execPath, ['--require', loopbackOnly, 'main.js'], {
    cwd: directory,
    env: {
      ...process.env,
      KINESIS_MOCK_PLAIN_PORT: String(plainPort),
      KINESIS_MOCK_TLS_PORT: String(tlsPort),
      INITIALIZE_STREAMS: options.streams.map((stream) => `${stream.name}:${stream.shards ?? 1}`).join(','),
      LOG_LEVEL: 'WARN',
      ROOT_LOG_LEVEL: 'ERROR',
      CREATE_STREAM_DURATION: '0ms',
      AWS_REGION: REGION,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
  };
  const endpoint = `http://127.0.0.1:${plainPort}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  try {
    for (const stream of options.streams)
      await waitForStatus(client, stream.name, 'ACTIVE', () => {
        if (child.exitCode !== null) return `kinesis-local exited (${child.exitCode}): ${stderr.trim()}`;
        if (Date.now() > deadline) return `kinesis-local did not become ready in time: ${stderr.trim()}`;
        return undefined;
      });
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, ports: { plain: plainPort, tls: tlsPort }, region: REGION, stop };
}

/**
 * Polls DescribeStreamSummary until the stream is `status` (`gone`: ResourceNotFoundException);
 * `stop` names why to give up (undefined: keep polling).
 */
async function waitForStatus(
  client: KinesisClient,
  streamName: string,
  status: 'ACTIVE' | 'gone',
  stop: () => string | undefined,
): Promise<void> {
  for (;;) {
    const reason = stop();
    if (reason !== undefined) throw new Error(reason);
    try {
      const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
      if (summary.StreamDescriptionSummary?.StreamStatus === status) return;
    } catch (error) {
      // Not listening yet, or the stream is still being created; or gone, when that is awaited.
      if (status === 'gone' && (error as Error).name === 'ResourceNotFoundException') return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `stop` for `waitForStatus`: gives up after `timeoutMs`. */
function within(timeoutMs: number, what: string): () => string | undefined {
  const deadline = Date.now() + timeoutMs;
  return () => (Date.now() > deadline ? `${what} in time` : undefined);
}

/** Deletes a stream and resolves once it is gone (DescribeStreamSummary: ResourceNotFoundException). */
export async function deleteStream(options: {
  endpoint: string;
  streamName: string;
  timeoutMs?: number;
}): Promise<void> {
  const client = localClient(options.endpoint);
  try {
    await client.send(new DeleteStreamCommand({ StreamName: options.streamName }));
    await waitForStatus(
      client,
      options.streamName,
      'gone',
      within(options.timeoutMs ?? 60_000, `stream ${options.streamName} was not deleted`),
    );
  } finally {
    client.destroy();
  }
}

/** Creates a stream and resolves once it is ACTIVE. */
export async function createStream(options: {
  endpoint: string;
  streamName: string;
  shards: number;
  timeoutMs?: number;
}): Promise<void> {
  const client = localClient(options.endpoint);
  try {
    await client.send(
      new CreateStreamCommand({ StreamName: options.streamName, ShardCount: options.shards }),
    );
    await waitForStatus(
      client,
      options.streamName,
      'ACTIVE',
      within(options.timeoutMs ?? 60_000, `stream ${options.streamName} did not become ACTIVE`),
    );
  } finally {
    client.destroy();
  }
}

/** Every record of every shard, from the beginning (TRIM_HORIZON), in shard then sequence order. */
export async function readAllRecords(options: {
  endpoint: string;
  streamName: string;
}): Promise<StoredRecord[]> {
  const client = localClient(options.endpoint);
  try {
    const shards = await client.send(new ListShardsCommand({ StreamName: options.streamName }));
    const records: StoredRecord[] = [];
    for (const shard of shards.Shards ?? []) {
      const shardId = shard.ShardId as string;
      let iterator = (
        await client.send(
          new GetShardIteratorCommand({
            StreamName: options.streamName,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      while (iterator !== undefined) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
        for (const record of page.Records ?? []) {
          records.push({
            data: Buffer.from(record.Data ?? new Uint8Array()),
            partitionKey: record.PartitionKey ?? '',
            shardId,
            sequenceNumber: record.SequenceNumber ?? '',
          });
        }
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return records;
  } finally {
    client.destroy();
  }
}

/** Polls the stream until it holds at least `count` records (or the timeout passes); returns them. */
export async function waitForRecords(
  count: number,
  options: { endpoint: string; streamName: string; timeoutMs?: number },
): Promise<StoredRecord[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const records = await readAllRecords(options);
    if (records.length >= count || Date.now() > deadline) return records;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/**
 * Follows every shard from the beginning and calls `onRecords` with new records as they arrive,
 * polling every `intervalMs`, until `signal` aborts.
 */
export async function followStream(options: {
  endpoint: string;
  streamName: string;
  signal: AbortSignal;
  onRecords: (records: StoredRecord[]) => void;
  intervalMs?: number;
}): Promise<void> {
  const client = localClient(options.endpoint);
  const iterators = new Map<string, string | undefined>();
  try {
    const shards = await client.send(new ListShardsCommand({ StreamName: options.streamName }));
    for (const shard of shards.Shards ?? []) {
      const shardId = shard.ShardId as string;
      const start = await client.send(
        new GetShardIteratorCommand({
          StreamName: options.streamName,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      iterators.set(shardId, start.ShardIterator);
    }
    while (!options.signal.aborted) {
      for (const [shardId, iterator] of iterators) {
        if (iterator === undefined || options.signal.aborted) continue;
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
        iterators.set(shardId, page.NextShardIterator);
        const records = (page.Records ?? []).map((record) => ({
          data: Buffer.from(record.Data ?? new Uint8Array()),
          partitionKey: record.PartitionKey ?? '',
          shardId,
          sequenceNumber: record.SequenceNumber ?? '',
        }));
        if (records.length > 0) options.onRecords(records);
      }
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          options.signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, options.intervalMs ?? 500);
        options.signal.addEventListener('abort', done, { once: true });
      });
    }
  } finally {
    client.destroy();
  }
}
