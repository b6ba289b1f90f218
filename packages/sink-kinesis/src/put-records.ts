import { addAbortSignal, type Readable } from 'node:stream';
import { type KinesisClient, KinesisServiceException, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { AwsSigner, type AwsCredentialsProvider, operationEndpoint } from '@sluice/aws';
import type { ErrorFields, PutRecordsResult, WireFormat } from './wire/format.js';

type Request = Parameters<KinesisClient['config']['requestHandler']['handle']>[0];

/**
 * An AWS error answer as the SDK would throw it: a `KinesisServiceException` named by the error
 * type (`x-amzn-errortype` or `__type`, namespace and suffix cut), with the HTTP status. Without a
 * type (a proxy's error page) it is named `Error`, and the status alone classifies it.
 */
export function serviceError(
  statusCode: number,
  headers: Record<string, string | undefined>,
  parsed: ErrorFields,
): KinesisServiceException {
  const type = headers['x-amzn-errortype'] ?? parsed.__type ?? parsed.code;
  const name = typeof type === 'string' && type !== '' ? errorName(type) : 'Error';
  const message = parsed.message ?? parsed.Message;
  return new KinesisServiceException({
    name,
    $fault: statusCode >= 500 ? 'server' : 'client',
    $metadata: {
      httpStatusCode: statusCode,
      ...(headers['x-amzn-requestid'] === undefined ? {} : { requestId: headers['x-amzn-requestid'] }),
    },
    message: typeof message === 'string' ? message : `HTTP ${statusCode}`,
  });
}

/**
 * A response body, whole. Not `stream/consumers`' `buffer()`: it goes through a Blob, which copies
 * every answer once more.
 */
async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

/** `com.amazonaws.kinesis#ResourceNotFoundException:http://…` → `ResourceNotFoundException`. */
function errorName(type: string): string {
  const withoutSuffix = type.split(':')[0] as string;
  return withoutSuffix.slice(withoutSuffix.lastIndexOf('#') + 1);
}

/**
 * PutRecords of a body built by the sink (`format.body`): its endpoint resolved as the SDK resolves
 * it for its own commands (so `AWS_ENDPOINT_URL_KINESIS` / `AWS_ENDPOINT_URL` apply to PutRecords
 * too), signed by `@sluice/aws` with the client's credentials, sent through the client's HTTP
 * handler, but not its middleware stack: per request, that stack costs twice what signing does
 * (about 1 µs per record at 500 records), for nothing the sink needs. A successful response is read
 * by `format.result`; an error is thrown as the SDK throws it (`serviceError`). The clock offset
 * follows the server's `Date` as the SDK does, and is shared with the client's other commands.
 */
export function putRecordsWith(
  client: KinesisClient,
  format: WireFormat,
  streamName: string,
): (body: Uint8Array, records: number, signal: AbortSignal) => Promise<PutRecordsResult> {
  const config = client.config;
  let target: Promise<{ signer: AwsSigner; url: URL }> | undefined;
  const resolveTarget = async () => {
    const { url, properties } = await operationEndpoint(config, PutRecordsCommand, { StreamName: streamName });
    const scheme = (properties?.authSchemes as { signingRegion?: string; signingName?: string }[] | undefined)?.[0];
    const signer = new AwsSigner({
      credentials: config.credentials as AwsCredentialsProvider,
      region: scheme?.signingRegion ?? (await config.region()),
      service: scheme?.signingName ?? 'kinesis',
    });
    return { signer, url };
  };
  return async (body, records, signal) => {
    target ??= resolveTarget().catch((error: unknown) => {
      target = undefined; // the region or endpoint may be found on a later attempt
      throw error;
    });
    const { signer, url } = await target;
    const headers = await signer.sign({
      method: 'POST',
      url,
      headers: {
        'content-type': format.contentType,
        'x-amz-target': 'Kinesis_20131202.PutRecords',
        'content-length': String(body.length),
        'user-agent': 'sluice',
      },
      body,
    });
    const request: Request = {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query: {},
      headers,
      body,
    };
    const { response } = await config.requestHandler.handle(request, { abortSignal: signal });
    const bytes = await readAll(addAbortSignal(signal, response.body as Readable));
    const skewed = signer.observeDate(response.headers.date);
    config.systemClockOffset = signer.clockOffsetMs;
    if (response.statusCode === 200) return format.result(bytes, records);
    const error = serviceError(response.statusCode, response.headers, format.errorFields(bytes));
    if (skewed) Object.assign(error.$metadata, { clockSkewCorrected: true });
    throw error;
  };
}
