import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { cbor } from '@smithy/core/cbor';

const PARTITION_KEY = Buffer.from('"PartitionKey"');
const SUCCESS_RECORD = { SequenceNumber: '1', ShardId: 'shardId-000000000000' };
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
  /** Answers an HTTP error with the AWS error `type` (`ProvisionedThroughputExceededException`, …). */
  | { kind: 'http-error'; status: number; type: string; message?: string }
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
  /** Index of the request that delivered it. */
  request: number;
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
}

export interface FakeKinesisOptions {
  /** Streams that exist (DescribeStreamSummary of another name is ResourceNotFoundException). */
  streams?: readonly string[];
  /** Only count accepted records, do not keep them (benchmarks). */
  countOnly?: boolean;
}

/**
 * A scriptable Kinesis endpoint (PutRecords, DescribeStreamSummary) speaking JSON or CBOR, as each
 * request's content type says, for fault tests and benchmarks. Behaviours are taken from a queue,
 * one per PutRecords request, then `defaultBehaviour`. Everything accepted is recorded, so tests
 * can prove exactly-once.
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

  constructor(options: FakeKinesisOptions = {}) {
    this.#options = options;
  }

  /** Queues behaviours for the next PutRecords requests, in order. */
  enqueue(...behaviours: FakeBehaviour[]): void {
    this.#queue.push(...behaviours);
  }

  /** Starts on 127.0.0.1 and a free port; returns the endpoint URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.#handle(request, response);
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

  /** Resolves once every client connection is closed (by the client). */
  async idle(): Promise<void> {
    for (const socket of this.#sockets) if (!socket.closed) await once(socket, 'close');
  }

  async stop(): Promise<void> {
    for (const response of this.#stalled) response.destroy();
    for (const socket of this.#sockets) socket.destroy();
    const server = this.#server;
    this.#server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Benchmark path: counts the records without decoding the body, answers success for each. */
  #countFast(protocol: FakeProtocol, raw: Buffer, response: ServerResponse): void {
    const records = countRecords(protocol, raw);
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
      const name = String(body.StreamName);
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
          OpenShardCount: 1,
          RetentionPeriodHours: 24,
          StreamCreationTimestamp: 0,
          EnhancedMonitoring: [],
        },
      });
      return;
    }
    if (!target.endsWith('.PutRecords')) {
      reply(400, { __type: 'UnknownOperationException', message: `unsupported ${target}` });
      return;
    }
    // Data is base64 text in JSON, bytes in CBOR.
    const records =
      (body.Records as Array<{ Data: string | Uint8Array; PartitionKey: string }> | undefined) ?? [];
    const behaviour = this.#queue.shift() ?? this.defaultBehaviour;
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
          this.acceptedCount += 1;
          if (!this.#options.countOnly) {
            this.accepted.push({
              data:
                typeof record.Data === 'string'
                  ? Buffer.from(record.Data, 'base64')
                  : Buffer.from(record.Data),
              partitionKey: record.PartitionKey,
              request: index,
            });
          }
          return { SequenceNumber: String(this.acceptedCount), ShardId: 'shardId-000000000000' };
        });
        reply(200, { FailedRecordCount: failed, Records: results });
      }
    }
  }
}
