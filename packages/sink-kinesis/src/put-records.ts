import { type KinesisClient, KinesisServiceException, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { type AwsCredentialsProvider, AwsSigner, operationEndpoint } from '@sluice/aws';
import { DEFAULT_MAX_RESPONSE_BYTES, type HttpClient, type HttpResponse } from '@sluice/sink-kit/http';
import type { StreamReference } from './shards.js';
import {
  type ErrorFields,
  InvalidResponseError,
  type PredictedRecord,
  type PutRecordsAnswer,
  type WireFormat,
} from './wire/format.js';

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

/** `com.amazonaws.kinesis#ResourceNotFoundException:http://…` → `ResourceNotFoundException`. */
function errorName(type: string): string {
  const withoutSuffix = type.split(':')[0] as string;
  return withoutSuffix.slice(withoutSuffix.lastIndexOf('#') + 1);
}

/** Credential errors answered in a row that each get fresh credentials and a retry; then the destination is down. */
const CREDENTIAL_RETRIES = 3;

/** Answers that a refresh of the credentials may cure (rotated keys, an expired session). */
const CREDENTIAL_ERRORS = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidSignatureException',
  'UnrecognizedClientException',
]);

/** One PutRecords call: the body the sink built, its records (for their predicted shards), the answer. */
export type PutRecordsCall = (
  body: Buffer,
  records: readonly PredictedRecord[],
  signal: AbortSignal,
) => Promise<PutRecordsAnswer>;

/**
 * PutRecords of a body built by the sink (`format.body`): its endpoint resolved as the SDK resolves
 * it for its own commands (so `AWS_ENDPOINT_URL_KINESIS` / `AWS_ENDPOINT_URL` apply to PutRecords
 * too, and a stream ARN's account endpoint), signed by `@sluice/aws` with the client's
 * credentials, sent by the kit's HTTP client (its `tls` and `proxy`; the answer capped at 1 MiB:
 * an endless one is `invalid_response`), not through the SDK's middleware stack: per request, that
 * stack costs twice what signing does (about 1 µs per record at 500 records), for nothing the sink
 * needs. A successful answer is read by `format.result`; an error is thrown as the SDK throws it
 * (`serviceError`). The clock offset follows the server's `Date` as the SDK does, shared with the
 * client's other commands. An expired token or a refused signature gets fresh credentials and a
 * retry (`$metadata.credentialsRefreshed`), three times in a row at most.
 */
export function putRecordsWith(
  client: KinesisClient,
  http: HttpClient,
  format: WireFormat,
  stream: StreamReference,
): PutRecordsCall {
  const config = client.config;
  let target: Promise<{ signer: AwsSigner; url: URL }> | undefined;
  let credentialFailures = 0;
  const resolveTarget = async () => {
    const { url, properties } = await operationEndpoint(config, PutRecordsCommand, stream);
    const scheme = (
      properties?.authSchemes as { signingRegion?: string; signingName?: string }[] | undefined
    )?.[0];
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
    let response: HttpResponse;
    try {
      response = await http.request({ method: 'POST', url, headers, body, signal });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_RESPONSE_TOO_LARGE')
        throw new InvalidResponseError(`a PutRecords answer larger than ${DEFAULT_MAX_RESPONSE_BYTES} bytes`);
      throw error;
    }
    const bytes = response.body;
    const header = (name: string) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const skewed = signer.observeDate(header('date'));
    config.systemClockOffset = signer.clockOffsetMs;
    if (response.status === 200) {
      credentialFailures = 0;
      return format.result(bytes, records);
    }
    const error = serviceError(
      response.status,
      { 'x-amzn-errortype': header('x-amzn-errortype'), 'x-amzn-requestid': header('x-amzn-requestid') },
      format.errorFields(bytes),
    );
    if (skewed) Object.assign(error.$metadata, { clockSkewCorrected: true });
    else if (CREDENTIAL_ERRORS.has(error.name) && credentialFailures < CREDENTIAL_RETRIES) {
      credentialFailures += 1;
      const refresh = config.credentials as (options?: { forceRefresh?: boolean }) => Promise<unknown>;
      await refresh({ forceRefresh: true }).catch(() => undefined);
      Object.assign(error.$metadata, { credentialsRefreshed: true });
    }
    throw error;
  };
}
