import { DescribeStreamSummaryCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { HealthcheckResult } from '@sluice/component-api';
import type { KinesisSinkOptions } from './options.js';
import type { ShardAwareness } from './shard-awareness.js';

/** DescribeStreamSummary: the stream exists, is writable and we may see it; the shard map read too. */
export function healthcheckOf(
  client: KinesisClient,
  options: KinesisSinkOptions,
  shards: ShardAwareness | undefined,
): (signal: AbortSignal) => Promise<HealthcheckResult> {
  return async (signal) => {
    try {
      const command = new DescribeStreamSummaryCommand({ StreamName: options.stream_name });
      const summary = await client.send(command, { abortSignal: signal });
      const status = summary.StreamDescriptionSummary?.StreamStatus;
      if (status !== undefined && status !== 'ACTIVE' && status !== 'UPDATING') {
        return { status: 'unhealthy', message: `stream "${options.stream_name}" is ${status}` };
      }
      await shards?.refresh();
      return { status: 'healthy' };
    } catch (error) {
      return { status: 'unhealthy', message: describeHealthcheckError(error, options) };
    }
  };
}

/** One clear line per failure class: missing stream, access denied, no credentials, unreachable. */
export function describeHealthcheckError(error: unknown, options: KinesisSinkOptions): string {
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const where = options.endpoint ?? `region ${options.region ?? '(from the environment)'}`;
  if (name === 'ResourceNotFoundException')
    return `stream "${options.stream_name}" does not exist (${where})`;
  if (/AccessDenied|UnrecognizedClient|InvalidSignature|Forbidden|ExpiredToken/i.test(name)) {
    return `access denied to stream "${options.stream_name}": ${name}: ${message}`;
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return `no AWS credentials found: ${message}`;
  }
  const code = (error as { code?: string }).code;
  if (code !== undefined && /ECONN|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT/.test(code)) {
    return `endpoint unreachable (${where}): ${code}`;
  }
  if (/Region is missing/i.test(message)) return 'no AWS region configured: set `region` or AWS_REGION';
  return `healthcheck of stream "${options.stream_name}" failed: ${name || 'Error'}: ${message}`;
}
