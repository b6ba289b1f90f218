import { type KinesisClient, PutRecordsCommand, type PutRecordsOutput } from '@aws-sdk/client-kinesis';

/** What the sink needs of a PutRecords answer. */
export type PutRecordsResult = Pick<PutRecordsOutput, 'FailedRecordCount' | 'Records'>;

/** Bodies built by the sink, swapped in for the SDK's own serialisation of an empty record list. */
const prebuiltBodies = new WeakMap<object, Uint8Array>();
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
 * pipeline: the sink builds the body itself (`putRecordsBody`) and reads a successful response
 * itself (`parsePutRecordsResponse`) instead of through the SDK's schema walk. The SDK still signs
 * and sends, and errors go through its own deserialiser, so they keep their names and statuses.
 */
function installPutRecordsFastPath(client: KinesisClient): void {
  // The SDK's logger middleware walks every input and output through its schema to filter
  // sensitive fields, even with no logger: a measurable cost per record. Sluice logs itself.
  client.middlewareStack.remove('loggerMiddleware');
  client.middlewareStack.add(
    (next, _context) => async (args) => {
      const body = prebuiltBodies.get(args.input as object);
      const request = args.request as { body?: unknown; headers?: Record<string, string> } | undefined;
      if (body !== undefined && request?.headers !== undefined) {
        request.body = body;
        request.headers['content-length'] = String(body.length);
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
    prebuiltBodies.set(command.input, body);
    const output = await client.send(command, { abortSignal: signal });
    return parsedResponses.get(command.input) ?? output;
  };
}
