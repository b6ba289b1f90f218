import { hash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cbor } from '@smithy/core/cbor';
import { CBOR_MAJOR, textItem, writeHeader } from '../wire/cbor.js';

const PARTITION_KEY = Buffer.from('"PartitionKey"');
const SUCCESS_RECORD = { SequenceNumber: '1', ShardId: 'shardId-000000000000' };
/** The largest hash key: 2^128 - 1. */
const MAX_HASH_KEY = (1n << 128n) - 1n;
/** How a CBOR body that lists its records first starts: a map of two, the text "Records". */
const CBOR_RECORDS_FIRST = Buffer.from([0xa2, 0x67, ...Buffer.from('Records')]);

/** The two wire formats of the Kinesis API: AWS JSON 1.1 and CBOR 1.1 (the AWS SDK for Java's). */
export type FakeProtocol = 'json' | 'cbor';

const CONTENT_TYPES: Readonly<Record<FakeProtocol, string>> = {
  json: 'application/x-amz-json-1.1',
  cbor: 'application/x-amz-cbor-1.1',
};

function encode(protocol: FakeProtocol, payload: unknown): Uint8Array {
  return protocol === 'json' ? Buffer.from(JSON.stringify(payload)) : cbor.serialize(payload);
}

function decode(protocol: FakeProtocol, raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  return (protocol === 'json' ? JSON.parse(raw.toString('utf8')) : cbor.deserialize(raw)) as Record<
    string,
    unknown
  >;
}

/** A success and a failure record result, encoded once in each protocol. */
function failingPieces(code: string): Record<FakeProtocol, { success: Uint8Array; failure: Uint8Array }> {
  const failure = { ErrorCode: code, ErrorMessage: `${code} (fake)` };
  return {
    json: { success: encode('json', SUCCESS_RECORD), failure: encode('json', failure) },
    cbor: { success: encode('cbor', SUCCESS_RECORD), failure: encode('cbor', failure) },
  };
}

/** `{ FailedRecordCount, Records }` from record results encoded once: no encoding per answer. */
function partialAnswer(protocol: FakeProtocol, failed: number, items: readonly Uint8Array[]): Buffer {
  if (protocol === 'json') {
    const parts: Uint8Array[] = [Buffer.from(`{"FailedRecordCount":${failed},"Records":[`)];
    for (const [index, item] of items.entries()) {
      if (index > 0) parts.push(COMMA);
      parts.push(item);
    }
    parts.push(Buffer.from(']}'));
    return Buffer.concat(parts);
  }
  const head = Buffer.allocUnsafe(64);
  head[0] = 0xa2; // a map of two
  let offset = 1 + textItem('FailedRecordCount').copy(head, 1);
  offset = writeHeader(head, offset, CBOR_MAJOR.unsigned, failed);
  offset += textItem('Records').copy(head, offset);
  offset = writeHeader(head, offset, CBOR_MAJOR.array, items.length);
  return Buffer.concat([head.subarray(0, offset), ...items]);
}

const COMMA = Buffer.from(',');

/** Records in a PutRecords body, counted without decoding it where the format allows. */
function countRecords(protocol: FakeProtocol, raw: Buffer): number {
  if (protocol === 'json') {
    let records = 0;
    for (
      let offset = raw.indexOf(PARTITION_KEY);
      offset !== -1;
      offset = raw.indexOf(PARTITION_KEY, offset + 1)
    )
      records += 1;
    return records;
  }
  if (raw.subarray(0, CBOR_RECORDS_FIRST.length).equals(CBOR_RECORDS_FIRST)) {
    // The array's header: its count inline, or in the next 1 or 2 bytes.
    const at = CBOR_RECORDS_FIRST.length;
    const info = (raw[at] as number) & 31;
    if (info < 24) return info;
    if (info === 24) return raw.readUInt8(at + 1);
    if (info === 25) return raw.readUInt16BE(at + 1);
  }
  return ((decode(protocol, raw).Records as unknown[] | undefined) ?? []).length;
}

/** What the fake does with one PutRecords request. */
export type FakeBehaviour =
  /** Accepts every record, after `delayMs` when given (to make requests overlap). */
  | { kind: 'succeed'; delayMs?: number }
  /** Fails the records at these indexes (or every `every`-th record) with `errorCode`. */
  | { kind: 'fail-records'; errorCode: string; indexes?: readonly number[]; every?: number }
  /**
   * Answers an HTTP error with the AWS error `type` (`ProvisionedThroughputExceededException`, …);
   * with `whenData`, only to a request holding a record whose data contains it (a bad record that
   * fails its whole request), accepting other requests.
   */
  | { kind: 'http-error'; status: number; type: string; message?: string; whenData?: string }
  /** Never answers (until the client gives up or the server stops). */
  | { kind: 'stall' }
  /** Destroys the connection without an answer. */
  | { kind: 'reset' }
  /**
   * Answers HTTP 200 with `payload` in the request's protocol (or `raw` bytes as they are), accepting
   * nothing: a malformed success that proves no record's outcome.
   */
  | { kind: 'malformed-success'; payload?: unknown; raw?: Uint8Array };

export interface AcceptedRecord {
  data: Buffer;
  partitionKey: string;
  explicitHashKey?: string;
  /** The shard it was put on (by its hash key, as Kinesis does). */
  shardId: string;
  /** Index of the request that delivered it. */
  request: number;
}

/** One shard of the fake stream, open or closed (a parent after a split), and what it took. */
export interface FakeShard {
  readonly shardId: string;
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
  /** Closed by a split: it takes no more records, and ListShards gives it an ending sequence number. */
  closed: boolean;
  readonly parentShardId?: string;
  acceptedRecords: number;
  acceptedBytes: number;
  /** Records refused with ProvisionedThroughputExceededException. */
  throttledRecords: number;
}

/** A shard's write quota, per second. */
export interface FakeShardQuota {
  readonly recordsPerSecond: number;
  readonly bytesPerSecond: number;
}

interface ShardState extends FakeShard {
  records: number;
  bytes: number;
  updatedAt: number;
}

/** The hash key Kinesis gives a partition key: MD5 of its UTF-8 bytes, a 128-bit big-endian number. */
export function fakeHashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${hash('md5', partitionKey, 'hex')}`);
}

export interface FakeRequestLog {
  index: number;
  target: string;
  protocol: FakeProtocol;
  records: number;
  behaviour: FakeBehaviour['kind'];
  startedAt: number;
  /** Requests in flight when this one arrived, itself included. */
  concurrent: number;
  /** How the request named its stream. */
  stream: { StreamName?: string; StreamARN?: string };
}

/** The stream a request names, by `StreamName` or by the name in its `StreamARN` (`…:stream/<name>`). */
function streamNameOf(body: Record<string, unknown>): string {
  if (body.StreamName !== undefined) return String(body.StreamName);
  return String(body.StreamARN).slice(String(body.StreamARN).indexOf(':stream/') + ':stream/'.length);
}

export interface FakeKinesisOptions {
  /** Streams that exist (DescribeStreamSummary of another name is ResourceNotFoundException). */
  streams?: readonly string[];
  /**
   * Only count accepted records, do not keep them (benchmarks). Without `shardQuota` the bodies
   * are not even decoded: no per-shard counts, and every answer names the first shard.
   */
  countOnly?: boolean;
  /** Open shards at start, splitting the hash-key space evenly (default 1). */
  shards?: number;
  /**
   * Enforced per shard, as a token bucket holding one second of it (Kinesis lets a quiet shard
   * burst about that much): records beyond it are refused with ProvisionedThroughputExceededException.
   * Unlimited when absent.
   */
  shardQuota?: FakeShardQuota;
  /** Shards per ListShards page (default 1,000, as Kinesis); a smaller one exercises NextToken. */
  listShardsPageSize?: number;
  /**
   * This share of the records of every PutRecords (0 to 1, drawn at random) fails with
   * `failingCode` (default `InternalFailure`, retryable), in the benchmark path too.
   */
  failingShare?: number;
  failingCode?: string;
  /**
   * `AUTO`: DescribeStreamSummary says `RecordDistributionStrategy = AUTO` and the stream places
   * each record on a shard of its own choosing (round robin here), whatever its key.
   */
  recordDistribution?: 'AUTO' | 'USER_PARTITION_KEY';
  /** The stream's record size limit DescribeStreamSummary gives (`MaxRecordSizeInKiB`); unsaid when absent (1 MiB). */
  maxRecordSizeKiB?: number;
}

/**
 * A scriptable Kinesis endpoint (PutRecords, DescribeStreamSummary, ListShards) speaking JSON or
 * CBOR, as each request's content type says, for fault tests and benchmarks. Behaviours are taken
 * from a queue, one per PutRecords request, then `defaultBehaviour`. Everything accepted is
 * recorded with its shard, so tests can prove exactly-once and placement. With `shards` and
 * `shardQuota` it is a stream of several shards that throttles each one beyond its quota, and
 * `splitShard` reshards it mid-run.
 */
export class FakeKinesis {
  readonly accepted: AcceptedRecord[] = [];
  acceptedCount = 0;
  readonly requests: FakeRequestLog[] = [];
  readonly #queue: FakeBehaviour[] = [];
  defaultBehaviour: FakeBehaviour = { kind: 'succeed' };
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #stalled = new Set<ServerResponse>();
  #inFlight = 0;
  maxConcurrent = 0;
  /** All-accepted answers, by protocol and record count: the benchmark path answers the same ones. */
  readonly #successAnswers = new Map<string, Uint8Array>();
  readonly #options: FakeKinesisOptions;
  readonly #shards: ShardState[] = [];
  readonly #waiters: Array<{ condition: () => boolean; resolve: () => void }> = [];
  /** Records refused for a shard's quota, all shards. */
  throttledCount = 0;
  /** Records failed on purpose (`failingShare`). */
  failedCount = 0;
  /** The record results of a partial answer, encoded once. */
  #failingPieces: ReturnType<typeof failingPieces> | undefined;
  /** ListShards calls answered (denied ones included). */
  listShardsCalls = 0;
  /** ListShards answers AccessDeniedException (a role without kinesis:ListShards). */
  denyListShards = false;
  /** ListShards always gives another page: a fresh token each time (`new`), or the same one (`repeat`). */
  endlessListShards: 'new' | 'repeat' | undefined;

  constructor(options: FakeKinesisOptions = {}) {
    this.#options = options;
    const count = options.shards ?? 1;
    const width = (MAX_HASH_KEY + 1n) / BigInt(count);
    for (let index = 0; index < count; index += 1) {
      const start = width * BigInt(index);
      this.#addShard(start, index === count - 1 ? MAX_HASH_KEY : start + width - 1n);
    }
  }

  #placed = 0;

  /** The next open shard in turn: how an AUTO stream places records, whatever their keys. */
  #roundRobinShard(): ShardState {
    const open = this.#shards.filter((shard) => !shard.closed);
    this.#placed += 1;
    return open[this.#placed % open.length] as ShardState;
  }

  #addShard(startingHashKey: bigint, endingHashKey: bigint, parentShardId?: string): ShardState {
    const quota = this.#options.shardQuota;
    const shard: ShardState = {
      shardId: `shardId-${String(this.#shards.length).padStart(12, '0')}`,
      startingHashKey,
      endingHashKey,
      closed: false,
      ...(parentShardId === undefined ? {} : { parentShardId }),
      acceptedRecords: 0,
      acceptedBytes: 0,
      throttledRecords: 0,
      records: quota?.recordsPerSecond ?? 0,
      bytes: quota?.bytesPerSecond ?? 0,
      updatedAt: performance.now(),
    };
    this.#shards.push(shard);
    return shard;
  }

  /** Resolves once `condition` holds: checked now and after each request the fake handles. */
  when(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ condition, resolve }));
  }

  #checkWaiters(): void {
    for (const waiter of [...this.#waiters]) {
      if (!waiter.condition()) continue;
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Every shard, open and closed, in creation order. */
  get shards(): readonly FakeShard[] {
    return this.#shards;
  }

  /** The open shard a hash key lands on. */
  shardOf(hashKey: bigint): FakeShard {
    const shard = this.#openShardOf(hashKey);
    if (shard === undefined) throw new Error(`no open shard takes hash key ${hashKey}`);
    return shard;
  }

  #openShardOf(hashKey: bigint): ShardState | undefined {
    return this.#shards.find(
      (shard) => !shard.closed && shard.startingHashKey <= hashKey && hashKey <= shard.endingHashKey,
    );
  }

  /** Splits an open shard in two at the middle of its range, as SplitShard: the parent closes. */
  splitShard(shardId: string): [FakeShard, FakeShard] {
    const parent = this.#shards.find((shard) => shard.shardId === shardId && !shard.closed);
    if (parent === undefined) throw new Error(`no open shard ${shardId}`);
    parent.closed = true;
    const middle = (parent.startingHashKey + parent.endingHashKey) / 2n;
    return [
      this.#addShard(parent.startingHashKey, middle, parent.shardId),
      this.#addShard(middle + 1n, parent.endingHashKey, parent.shardId),
    ];
  }

  /** Takes one record of `bytes` from its shard's quota; false when the shard is out of it. */
  #admit(shard: ShardState, bytes: number): boolean {
    const quota = this.#options.shardQuota;
    if (quota === undefined) return true;
    const now = performance.now();
    const seconds = (now - shard.updatedAt) / 1000;
    shard.updatedAt = now;
    shard.records = Math.min(quota.recordsPerSecond, shard.records + quota.recordsPerSecond * seconds);
    shard.bytes = Math.min(quota.bytesPerSecond, shard.bytes + quota.bytesPerSecond * seconds);
    if (shard.records < 1 || shard.bytes < bytes) return false;
    shard.records -= 1;
    shard.bytes -= bytes;
    return true;
  }

  /** ListShards: every shard, open and closed (closed ones with an ending sequence number), in pages. */
  #listShards(body: Record<string, unknown>): { status: number; payload: unknown } {
    this.listShardsCalls += 1;
    if (this.denyListShards)
      return {
        status: 400,
        payload: {
          __type: 'AccessDeniedException',
          message: 'User is not authorized to perform: kinesis:ListShards',
        },
      };
    if (body.NextToken !== undefined && body.StreamName !== undefined)
      return {
        status: 400,
        payload: {
          __type: 'InvalidArgumentException',
          message: 'NextToken and StreamName cannot be combined',
        },
      };
    if (body.NextToken === undefined && this.#options.streams?.includes(streamNameOf(body)) === false)
      return {
        status: 400,
        payload: {
          __type: 'ResourceNotFoundException',
          message: `Stream ${streamNameOf(body)} not found.`,
        },
      };
    if (this.endlessListShards !== undefined)
      return {
        status: 200,
        payload: {
          Shards: [],
          NextToken: this.endlessListShards === 'repeat' ? 'again' : `page-${this.listShardsCalls}`,
        },
      };
    const from = body.NextToken === undefined ? 0 : Number(body.NextToken);
    const pageSize = this.#options.listShardsPageSize ?? 1000;
    const page = this.#shards.slice(from, from + pageSize).map((shard) => ({
      ShardId: shard.shardId,
      ...(shard.parentShardId === undefined ? {} : { ParentShardId: shard.parentShardId }),
      HashKeyRange: {
        StartingHashKey: String(shard.startingHashKey),
        EndingHashKey: String(shard.endingHashKey),
      },
      SequenceNumberRange: {
        StartingSequenceNumber: '1',
        ...(shard.closed ? { EndingSequenceNumber: '2' } : {}),
      },
    }));
    const next = from + pageSize;
    return {
      status: 200,
      payload: { Shards: page, ...(next < this.#shards.length ? { NextToken: String(next) } : {}) },
    };
  }

  /** Queues behaviours for the next PutRecords requests, in order. */
  enqueue(...behaviours: FakeBehaviour[]): void {
    this.#queue.push(...behaviours);
  }

  /** Starts on 127.0.0.1 and a free port; returns the endpoint URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.#handle(request, response).finally(() => this.#checkWaiters());
    });
    server.keepAliveTimeout = 60_000;
    server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    this.#server = server;
    return this.endpoint;
  }

  get endpoint(): string {
    const address = this.#server?.address() as AddressInfo | undefined;
    if (address === undefined) throw new Error('the fake Kinesis is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Partition keys and data of every accepted record, as strings, in acceptance order. */
  acceptedData(): string[] {
    return this.accepted.map((record) => record.data.toString('utf8'));
  }

  /** Open client connections. */
  get connections(): number {
    return this.#sockets.size;
  }

  /** Resolves once every client connection is closed (by the client) and no longer counted. */
  async idle(): Promise<void> {
    // Not `socket.closed`: it turns true a tick before 'close', while the socket is still counted.
    while (this.#sockets.size > 0) await once([...this.#sockets][0] as Socket, 'close');
  }

  async stop(): Promise<void> {
    for (const response of this.#stalled) response.destroy();
    for (const socket of this.#sockets) socket.destroy();
    const server = this.#server;
    this.#server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /**
   * Benchmark path: counts the records without decoding the body, answers success for each (or
   * fails a share of them, `failingShare`).
   */
  #countFast(protocol: FakeProtocol, raw: Buffer, response: ServerResponse): void {
    const records = countRecords(protocol, raw);
    const share = this.#options.failingShare ?? 0;
    if (share > 0) {
      const code = this.#options.failingCode ?? 'InternalFailure';
      this.#failingPieces ??= failingPieces(code);
      const pieces = this.#failingPieces;
      const items: Uint8Array[] = [];
      let failed = 0;
      for (let index = 0; index < records; index += 1) {
        const fails = Math.random() < share;
        if (fails) failed += 1;
        items.push(pieces[protocol][fails ? 'failure' : 'success']);
      }
      this.acceptedCount += records - failed;
      this.failedCount += failed;
      const answer = partialAnswer(protocol, failed, items);
      response.writeHead(200, { 'content-type': CONTENT_TYPES[protocol], 'content-length': answer.length });
      response.end(answer);
      return;
    }
    this.acceptedCount += records;
    const key = `${protocol}:${records}`;
    let answer = this.#successAnswers.get(key);
    if (answer === undefined) {
      answer = encode(protocol, { FailedRecordCount: 0, Records: new Array(records).fill(SUCCESS_RECORD) });
      this.#successAnswers.set(key, answer);
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[protocol], 'content-length': answer.length });
    response.end(answer);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const protocol: FakeProtocol = String(request.headers['content-type']).includes('cbor') ? 'cbor' : 'json';
    const raw = Buffer.concat(chunks);
    if (
      this.#options.countOnly &&
      this.#options.shardQuota === undefined &&
      target.endsWith('.PutRecords') &&
      this.#queue.length === 0 &&
      this.defaultBehaviour.kind === 'succeed'
    ) {
      this.#countFast(protocol, raw, response);
      return;
    }
    const body = decode(protocol, raw);
    const reply = (status: number, payload: unknown) => {
      const answer = encode(protocol, payload);
      response.writeHead(status, {
        'content-type': CONTENT_TYPES[protocol],
        'content-length': answer.length,
        'x-amzn-requestid': `fake-${this.requests.length}`,
      });
      response.end(answer);
    };
    if (target.endsWith('.DescribeStreamSummary') || target.endsWith('.DescribeStream')) {
      const name = streamNameOf(body);
      if (this.#options.streams !== undefined && !this.#options.streams.includes(name)) {
        reply(400, {
          __type: 'ResourceNotFoundException',
          message: `Stream ${name} under account 000000000000 not found.`,
        });
        return;
      }
      reply(200, {
        StreamDescriptionSummary: {
          StreamName: name,
          StreamARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`,
          StreamStatus: 'ACTIVE',
          OpenShardCount: this.#shards.filter((shard) => !shard.closed).length,
          ...(this.#options.maxRecordSizeKiB === undefined
            ? {}
            : { MaxRecordSizeInKiB: this.#options.maxRecordSizeKiB }),
          ...(this.#options.recordDistribution === undefined
            ? {}
            : { RecordDistributionStrategy: this.#options.recordDistribution }),
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: 0,
          EnhancedMonitoring: [],
        },
      });
      return;
    }
    if (target.endsWith('.ListShards')) {
      const { status, payload } = this.#listShards(body);
      reply(status, payload);
      return;
    }
    if (!target.endsWith('.PutRecords')) {
      reply(400, { __type: 'UnknownOperationException', message: `unsupported ${target}` });
      return;
    }
    // Data is base64 text in JSON, bytes in CBOR.
    const records =
      (body.Records as
        | Array<{ Data: string | Uint8Array; PartitionKey: string; ExplicitHashKey?: string }>
        | undefined) ?? [];
    const next = this.#queue.shift() ?? this.defaultBehaviour;
    const spared =
      next.kind === 'http-error' &&
      next.whenData !== undefined &&
      !records.some((record) =>
        (typeof record.Data === 'string' ? Buffer.from(record.Data, 'base64') : Buffer.from(record.Data))
          .toString()
          .includes(next.whenData as string),
      );
    const behaviour: FakeBehaviour = spared ? { kind: 'succeed' } : next;
    const index = this.requests.length;
    this.#inFlight += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.#inFlight);
    this.requests.push({
      index,
      target,
      protocol,
      records: records.length,
      behaviour: behaviour.kind,
      startedAt: performance.now(),
      concurrent: this.#inFlight,
      stream: {
        ...(body.StreamName === undefined ? {} : { StreamName: String(body.StreamName) }),
        ...(body.StreamARN === undefined ? {} : { StreamARN: String(body.StreamARN) }),
      },
    });
    response.on('close', () => {
      this.#inFlight -= 1;
    });
    switch (behaviour.kind) {
      case 'stall':
        this.#stalled.add(response);
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'http-error':
        reply(behaviour.status, { __type: behaviour.type, message: behaviour.message ?? behaviour.type });
        return;
      case 'malformed-success':
        if (behaviour.raw === undefined) {
          reply(200, behaviour.payload);
        } else {
          response.writeHead(200, { 'content-type': CONTENT_TYPES[protocol] });
          response.end(behaviour.raw);
        }
        return;
      default: {
        if (behaviour.kind === 'succeed' && behaviour.delayMs !== undefined) {
          await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
        }
        let failed = 0;
        const results = records.map((record, recordIndex) => {
          const fails =
            behaviour.kind === 'fail-records' &&
            ((behaviour.indexes?.includes(recordIndex) ?? false) ||
              (behaviour.every !== undefined && recordIndex % behaviour.every === 0));
          if (fails) {
            failed += 1;
            return { ErrorCode: behaviour.errorCode, ErrorMessage: `${behaviour.errorCode} (fake)` };
          }
          const data =
            typeof record.Data === 'string' ? Buffer.from(record.Data, 'base64') : Buffer.from(record.Data);
          const hashKey =
            record.ExplicitHashKey === undefined
              ? fakeHashKeyOf(record.PartitionKey)
              : BigInt(record.ExplicitHashKey);
          const shard = (
            this.#options.recordDistribution === 'AUTO' ? this.#roundRobinShard() : this.#openShardOf(hashKey)
          ) as ShardState;
          const bytes = data.length + Buffer.byteLength(record.PartitionKey);
          if (!this.#admit(shard, bytes)) {
            failed += 1;
            shard.throttledRecords += 1;
            this.throttledCount += 1;
            return {
              ErrorCode: 'ProvisionedThroughputExceededException',
              ErrorMessage: `Rate exceeded for shard ${shard.shardId} (fake)`,
            };
          }
          shard.acceptedRecords += 1;
          shard.acceptedBytes += bytes;
          this.acceptedCount += 1;
          if (!this.#options.countOnly) {
            this.accepted.push({
              data,
              partitionKey: record.PartitionKey,
              ...(record.ExplicitHashKey === undefined ? {} : { explicitHashKey: record.ExplicitHashKey }),
              shardId: shard.shardId,
              request: index,
            });
          }
          return { SequenceNumber: String(this.acceptedCount), ShardId: shard.shardId };
        });
        reply(200, { FailedRecordCount: failed, Records: results });
      }
    }
  }
}
