import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A record's fate in a PutRecordBatch answer: stored, or one of the API's per-record error codes. */
export type RecordFault = 'ServiceUnavailableException' | 'InternalFailure' | undefined;

export interface FakeFirehoseOptions {
  /** Delivery streams that exist, with their status (default ACTIVE). */
  readonly streams?: Readonly<Record<string, string>>;
  /** Decides each record of each PutRecordBatch (its decoded data): stored, or failed with a code. */
  readonly recordFault?: (data: Buffer) => RecordFault;
}

export interface FakeFirehose {
  /** `http://127.0.0.1:<port>`: give it as `endpoint`. */
  readonly endpoint: string;
  /** Records stored per stream, decoded, in the order accepted. */
  readonly records: Map<string, Buffer[]>;
  /** Every call: its operation and (PutRecordBatch) its record count. */
  readonly calls: { operation: string; records: number; bytes: number }[];
  /** The next `count` calls answer with this status and error type (ServiceUnavailableException: 503). */
  failNext(count: number, type: string, status: number): void;
  /** Calls from now on get no answer until `close`. */
  stall(): void;
  close(): Promise<void>;
}

const MAX_RECORDS = 500;
const MAX_RECORD_BYTES = 1_024_000;
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
const ACCOUNT = '000000000000';
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/firehose\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * A local Amazon Data Firehose endpoint with the real API's semantics for what a sink uses: AWS
 * JSON 1.1 (`X-Amz-Target: Firehose_20150804.<operation>`, errors as `__type` with
 * `x-amzn-ErrorType`), a SigV4 `Authorization` scoped to `firehose` required, PutRecordBatch with
 * its limits (500 records, 1,000 KiB of data per record: ValidationException; 4 MiB per request:
 * InvalidArgumentException), per-record failures (`FailedPutCount`, `RequestResponses` with
 * `RecordId` or `ErrorCode`/`ErrorMessage`), ResourceNotFoundException for an unknown stream,
 * ServiceUnavailableException (503) when told to throttle, and DescribeDeliveryStream.
 */
export async function startFakeFirehose(options: FakeFirehoseOptions = {}): Promise<FakeFirehose> {
  const streams = new Map(Object.entries(options.streams ?? { logs: 'ACTIVE' }));
  const records = new Map<string, Buffer[]>();
  const calls: FakeFirehose['calls'] = [];
  const failures: { type: string; status: number }[] = [];
  let stalled = false;

  const streamOf = (input: Record<string, unknown>): string => {
    const name = input.DeliveryStreamName;
    if (typeof name !== 'string' || name === '')
      throw new ApiError(
        'ValidationException',
        "1 validation error detected: Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null",
      );
    if (!streams.has(name))
      throw new ApiError('ResourceNotFoundException', `Firehose ${name} under account ${ACCOUNT} not found.`);
    return name;
  };

  const putRecordBatch = (input: Record<string, unknown>) => {
    const name = streamOf(input);
    const entries = input.Records;
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_RECORDS)
      throw new ApiError(
        'ValidationException',
        `1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORDS} and greater than or equal to 1`,
      );
    const data = entries.map((entry: { Data?: unknown }, index) => {
      if (typeof entry?.Data !== 'string')
        throw new ApiError('SerializationException', `record ${index} has no Data`);
      const bytes = Buffer.from(entry.Data, 'base64');
      if (bytes.length > MAX_RECORD_BYTES)
        throw new ApiError(
          'ValidationException',
          `1 validation error detected: Value at 'records.${index + 1}.member.data' failed to satisfy constraint: Member must have length less than or equal to ${MAX_RECORD_BYTES}`,
        );
      return bytes;
    });
    const total = data.reduce((sum, bytes) => sum + bytes.length, 0);
    if (total > MAX_REQUEST_BYTES)
      throw new ApiError('InvalidArgumentException', `Records size exceeds ${MAX_REQUEST_BYTES} bytes limit`);
    const stored = records.get(name) ?? [];
    records.set(name, stored);
    let failed = 0;
    const responses = data.map((bytes) => {
      const fault = options.recordFault?.(bytes);
      if (fault !== undefined) {
        failed += 1;
        return {
          ErrorCode: fault,
          ErrorMessage: fault === 'InternalFailure' ? 'Internal service failure.' : 'Slow down.',
        };
      }
      stored.push(bytes);
      return { RecordId: randomBytes(42).toString('base64') };
    });
    calls.push({ operation: 'PutRecordBatch', records: data.length, bytes: total });
    return { FailedPutCount: failed, Encrypted: false, RequestResponses: responses };
  };

  const describeDeliveryStream = (input: Record<string, unknown>) => {
    const name = streamOf(input);
    calls.push({ operation: 'DescribeDeliveryStream', records: 0, bytes: 0 });
    return {
      DeliveryStreamDescription: {
        DeliveryStreamName: name,
        DeliveryStreamARN: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${name}`,
        DeliveryStreamStatus: streams.get(name),
        DeliveryStreamType: 'DirectPut',
        VersionId: '1',
        CreateTimestamp: 1_700_000_000,
        Destinations: [],
        HasMoreDestinations: false,
      },
    };
  };

  const answer = (response: ServerResponse, status: number, payload: unknown, type?: string) => {
    response.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': randomUUID(),
      date: new Date().toUTCString(),
      ...(type === undefined
        ? {}
        : { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.firehose/` }),
    });
    response.end(JSON.stringify(payload));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (stalled) return;
    try {
      const failure = failures.shift();
      if (failure !== undefined) throw new ApiError(failure.type, 'Slow down.', failure.status);
      if (!AUTHORIZATION.test(String(request.headers.authorization)))
        throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      if (request.headers['content-type'] !== 'application/x-amz-json-1.1')
        throw new ApiError('UnknownOperationException', 'expected application/x-amz-json-1.1');
      const target = String(request.headers['x-amz-target']);
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
      }
      if (target === 'Firehose_20150804.PutRecordBatch') answer(response, 200, putRecordBatch(input));
      else if (target === 'Firehose_20150804.DescribeDeliveryStream')
        answer(response, 200, describeDeliveryStream(input));
      else throw new ApiError('UnknownOperationException', `unknown operation ${target}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      answer(response, error.status, { __type: error.type, message: error.message }, error.type);
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    records,
    calls,
    failNext: (count, type, status) => {
      for (let index = 0; index < count; index += 1) failures.push({ type, status });
    },
    stall: () => {
      stalled = true;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
