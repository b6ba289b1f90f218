import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

const PARTITION_KEY = Buffer.from('"PartitionKey"');
const SUCCESS_RECORD = '{"SequenceNumber":"1","ShardId":"shardId-000000000000"}';

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
  | { kind: 'reset' };

export interface AcceptedRecord {
  data: Buffer;
  partitionKey: string;
  /** Index of the request that delivered it. */
  request: number;
}

export interface FakeRequestLog {
  index: number;
  target: string;
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
 * A scriptable Kinesis endpoint speaking the JSON protocol (PutRecords, DescribeStreamSummary), for
 * fault tests and benchmarks. Behaviours are taken from a queue, one per PutRecords request, then
 * `defaultBehaviour`. Everything accepted is recorded, so tests can prove exactly-once.
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

  async stop(): Promise<void> {
    for (const response of this.#stalled) response.destroy();
    for (const socket of this.#sockets) socket.destroy();
    const server = this.#server;
    this.#server = undefined;
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Benchmark path: counts the records without parsing the body, answers success for each. */
  #countFast(raw: Buffer, response: ServerResponse): void {
    let records = 0;
    for (
      let offset = raw.indexOf(PARTITION_KEY);
      offset !== -1;
      offset = raw.indexOf(PARTITION_KEY, offset + 1)
    )
      records += 1;
    this.acceptedCount += records;
    const text = `{"FailedRecordCount":0,"Records":[${new Array(records).fill(SUCCESS_RECORD).join(',')}]}`;
    response.writeHead(200, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const raw = Buffer.concat(chunks);
    if (
      this.#options.countOnly &&
      target.endsWith('.PutRecords') &&
      this.#queue.length === 0 &&
      this.defaultBehaviour.kind === 'succeed'
    ) {
      this.#countFast(raw, response);
      return;
    }
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    const reply = (status: number, payload: unknown) => {
      const text = JSON.stringify(payload);
      response.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': Buffer.byteLength(text),
        'x-amzn-requestid': `fake-${this.requests.length}`,
      });
      response.end(text);
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
    const records = (body.Records as Array<{ Data: string; PartitionKey: string }> | undefined) ?? [];
    const behaviour = this.#queue.shift() ?? this.defaultBehaviour;
    const index = this.requests.length;
    this.#inFlight += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.#inFlight);
    this.requests.push({
      index,
      target,
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
              data: Buffer.from(record.Data, 'base64'),
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
