import { addAbortSignal, type Readable } from 'node:stream';
import { type KinesisClient, KinesisServiceException } from '@aws-sdk/client-kinesis';
import type { ErrorFields, PutRecordsResult, WireFormat } from './wire-format.js';

type ClientConfig = KinesisClient['config'];
type Signer = Awaited<ReturnType<ClientConfig['signer']>>;
type Request = Parameters<Signer['sign']>[0];

/** A clock this far from the server's is corrected, and the request it failed is retried (as the SDK does). */
const CLOCK_SKEW_MS = 240_000;

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
 * PutRecords of a body built by the sink (`format.body`), through `client`'s own endpoint
 * resolution, signer, credentials and HTTP handler, but not its middleware stack: per request, that
 * stack costs twice what signing does (about 1 µs per record at 500 records), for nothing the sink
 * needs. A successful response is read by `format.result`; an error is thrown as the SDK throws it
 * (`serviceError`). The clock offset is kept on the client's config, shared with its
 * other commands, and corrected from the server's `Date` as the SDK does.
 */
export function putRecordsWith(
  client: KinesisClient,
  format: WireFormat,
): (body: Uint8Array, records: number, signal: AbortSignal) => Promise<PutRecordsResult> {
  const config = client.config;
  let target: Promise<{ signer: Signer; url: URL }> | undefined;
  const resolveTarget = async () => {
    const [region, useFips, useDualStack, endpoint] = await Promise.all([
      config.region(),
      config.useFipsEndpoint(),
      config.useDualstackEndpoint(),
      config.endpoint?.(),
    ]);
    const { url, properties } = config.endpointProvider({
      Region: region,
      UseFIPS: useFips,
      UseDualStack: useDualStack,
      ...(endpoint === undefined
        ? {}
        : {
            Endpoint: `${endpoint.protocol}//${endpoint.hostname}${endpoint.port === undefined ? '' : `:${endpoint.port}`}${endpoint.path}`,
          }),
    });
    const authScheme = (properties?.authSchemes as Parameters<ClientConfig['signer']>[0][] | undefined)?.[0];
    return { signer: await config.signer(authScheme), url };
  };
  return async (body, records, signal) => {
    target ??= resolveTarget().catch((error: unknown) => {
      target = undefined; // the region or signer may be found on a later attempt
      throw error;
    });
    const { signer, url } = await target;
    const request: Request = {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query: {},
      headers: {
        host: url.host,
        'content-type': format.contentType,
        'x-amz-target': 'Kinesis_20131202.PutRecords',
        'content-length': String(body.length),
        'user-agent': 'sluice',
      },
      body,
    };
    const offsetBefore = config.systemClockOffset;
    const signed = await signer.sign(request, { signingDate: new Date(Date.now() + offsetBefore) });
    const { response } = await config.requestHandler.handle(signed, { abortSignal: signal });
    const bytes = await readAll(addAbortSignal(signal, response.body as Readable));
    const date = response.headers.date;
    const serverTime = date === undefined ? Number.NaN : Date.parse(date);
    if (!Number.isNaN(serverTime)) config.systemClockOffset = serverTime - Date.now();
    if (response.statusCode === 200) return format.result(bytes, records);
    const error = serviceError(response.statusCode, response.headers, format.errorFields(bytes));
    if (Math.abs(config.systemClockOffset - offsetBefore) >= CLOCK_SKEW_MS)
      Object.assign(error.$metadata, { clockSkewCorrected: true });
    throw error;
  };
}
