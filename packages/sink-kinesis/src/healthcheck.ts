import { DescribeStreamSummaryCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { HealthcheckResult } from '@sluice/component-api';
import type { StreamReference } from './shards.js';
import type { StreamWatch } from './stream.js';

/** Where the healthcheck looked, for its messages. */
export interface HealthcheckTarget {
  readonly name: string;
  readonly endpoint?: string | undefined;
  readonly region?: string | undefined;
}

/**
 * DescribeStreamSummary: the stream exists, is writable and we may see it; then the stream's
 * summary and shard map are read (`StreamWatch`), so the first requests are paced.
 */
export function healthcheckOf(
  client: KinesisClient,
  stream: StreamReference,
  target: HealthcheckTarget,
  watch: StreamWatch,
): (signal: AbortSignal) => Promise<HealthcheckResult> {
  return async (signal) => {
    try {
      const summary = await client.send(new DescribeStreamSummaryCommand(stream), { abortSignal: signal });
      const status = summary.StreamDescriptionSummary?.StreamStatus;
      if (status !== undefined && status !== 'ACTIVE' && status !== 'UPDATING') {
        return { status: 'unhealthy', message: `stream "${target.name}" is ${status}` };
      }
      await watch.start();
      return { status: 'healthy' };
    } catch (error) {
      return { status: 'unhealthy', message: describeHealthcheckError(error, target) };
    }
  };
}

/** One clear line per failure class: missing stream, access denied, no credentials, unreachable. */
export function describeHealthcheckError(error: unknown, target: HealthcheckTarget): string {
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const where = target.endpoint ?? `region ${target.region ?? '(from the environment)'}`;
  if (name === 'ResourceNotFoundException') return `stream "${target.name}" does not exist (${where})`;
  if (/AccessDenied|UnrecognizedClient|InvalidSignature|Forbidden|ExpiredToken/i.test(name)) {
    return `access denied to stream "${target.name}": ${name}: ${message}`;
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return `no AWS credentials found: ${message}`;
  }
  const code = (error as { code?: string }).code;
  if (code !== undefined && /ECONN|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|EPROXY/.test(code)) {
    return `endpoint unreachable (${where}): ${code}`;
  }
  if (/Region is missing/i.test(message)) return 'no AWS region configured: set `region` or AWS_REGION';
  return `healthcheck of stream "${target.name}" failed: ${name || 'Error'}: ${message}`;
}
