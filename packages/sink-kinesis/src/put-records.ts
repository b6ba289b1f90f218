import { webcrypto } from 'node:crypto';
import { type KinesisClient, PutRecordsCommand, type PutRecordsOutput } from '@aws-sdk/client-kinesis';

/** What the sink needs of a PutRecords answer. */
export type PutRecordsResult = Pick<PutRecordsOutput, 'FailedRecordCount' | 'Records'>;

/** SHA-256 on the thread pool (WebCrypto), not on the calling thread. */
async function sha256Hex(data: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', data)).toString('hex');
}

/** A PutRecords body built by the sink, and its SHA-256 (hex) computed off the main thread. */
interface PrebuiltBody {
  body: Uint8Array;
  sha256: string;
}

/** Bodies built by the sink, swapped in for the SDK's own serialisation of an empty record list. */
const prebuiltBodies = new WeakMap<object, PrebuiltBody>();
/** Successful PutRecords responses parsed by the sink, by command input. */
const parsedResponses = new WeakMap<object, PutRecordsResult>();

const ALL_ACCEPTED = Buffer.from('"FailedRecordCount":0');

/**
 * A successful PutRecords response. When every record was accepted the per-record results are not
 * needed, and the response is not parsed: `"FailedRecordCount":0` cannot occur inside a JSON string
 * (its quotes would be escaped), so finding it followed by a non-digit is proof enough.
 */
export function parsePutRecordsResponse(body: Buffer): PutRecordsResult {
  const at = body.indexOf(ALL_ACCEPTED);
  const next = body[at + ALL_ACCEPTED.length];
  if (at !== -1 && next !== undefined && (next < 0x30 || next > 0x39))
    return { FailedRecordCount: 0, Records: undefined };
  return JSON.parse(body.toString('utf8')) as PutRecordsResult;
}

/**
 * Takes the per-record work of PutRecords off the SDK, which costs more than the rest of the
 * pipeline: the sink builds the body itself (`putRecordsBody`), hashes it for SigV4 on the thread
 * pool, and parses a successful response with `JSON.parse` instead of the SDK's schema walk. Errors
 * still go through the SDK's own deserialiser, so they keep their names and status codes.
 */
function installPutRecordsFastPath(client: KinesisClient): void {
  // The SDK's logger middleware walks every input and output through its schema to filter
  // sensitive fields, even with no logger: a measurable cost per record. Sluice logs itself.
  client.middlewareStack.remove('loggerMiddleware');
  client.middlewareStack.add(
    (next, _context) => async (args) => {
      const prebuilt = prebuiltBodies.get(args.input as object);
      const request = args.request as { body?: unknown; headers?: Record<string, string> } | undefined;
      if (prebuilt !== undefined && request?.headers !== undefined) {
        request.body = prebuilt.body;
        request.headers['content-length'] = String(prebuilt.body.length);
        // The signer takes the payload hash from this header instead of hashing the body again.
        request.headers['x-amz-content-sha256'] = prebuilt.sha256;
      }
      return next(args);
    },
    { step: 'build', name: 'sluicePrebuiltPutRecordsBody', override: true },
  );
  client.middlewareStack.add(
    (next, _context) => async (args) => {
      const result = await next(args);
      const response = result.response as { statusCode?: number; body?: unknown };
      if (prebuiltBodies.has(args.input) && response.statusCode === 200) {
        const chunks: Buffer[] = [];
        for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(chunk);
        parsedResponses.set(args.input, parsePutRecordsResponse(Buffer.concat(chunks)));
        // The SDK's deserialiser (outside this one) still runs, for `$metadata`, over an empty body.
        response.body = new Uint8Array(0);
      }
      return result;
    },
    // Low priority: inside the SDK's deserialiser, so this sees the response first.
    { step: 'deserialize', priority: 'low', name: 'sluicePutRecordsResponse', override: true },
  );
}

/**
 * PutRecords of a body built by the sink (`putRecordsBody`) through `client`, which this sets up
 * for it. Rejects with the SDK's errors (names, `$metadata.httpStatusCode`, `code`).
 */
export function putRecordsWith(
  client: KinesisClient,
  streamName: string,
): (body: Uint8Array, signal: AbortSignal) => Promise<PutRecordsResult> {
  installPutRecordsFastPath(client);
  return async (body, signal) => {
    const command = new PutRecordsCommand({ StreamName: streamName, Records: [] });
    prebuiltBodies.set(command.input, { body, sha256: await sha256Hex(body) });
    const output = await client.send(command, { abortSignal: signal });
    return parsedResponses.get(command.input) ?? output;
  };
}
