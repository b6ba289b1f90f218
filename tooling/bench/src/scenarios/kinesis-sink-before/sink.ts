/**
 * The aws_kinesis_streams sink as it was before `@sluice/sink-kit` (its run loop, retries and
 * finalization), kept as the same-run baseline of the kinesis-sink scenario until the kit has
 * proved itself; the healthcheck and the definition are left out.
 */
import {
  type Batch,
  type ComponentContext,
  finalizeEvents,
  getField,
  type LogEvent,
  rateLimitedLog,
  type Sink,
  sleep,
} from '@sluice/component-api';
import { createEncoder } from '@sluice/encoding';
import { createKinesisClient, type KinesisSinkOptions } from '@sluice/sink-kinesis';
import { putRecordsWith } from './put-records.js';
import { type PreparedRecord, partitionKeyOf, RANDOM_KEY_BYTES } from './records.js';
import { backoffMs, classifyError, isRetryableRecordError, RateLimiter, Semaphore } from './requests.js';
import { type PutRecordsResult, wireFormats } from './wire-format.js';

interface Entry extends PreparedRecord {
  event: LogEvent;
}

export function createKinesisSink(options: KinesisSinkOptions, context: ComponentContext): Sink {
  const client = createKinesisClient(options);
  const { batch: batchOptions, request: requestOptions } = options;
  const format = wireFormats[requestOptions.protocol];
  const sendPutRecords = putRecordsWith(client, format);
  const encoder = createEncoder(options.encoding);
  // The bench runs this frozen copy with a fixed concurrency only.
  const semaphore = new Semaphore(requestOptions.concurrency as number);
  const rateLimiter =
    requestOptions.rate_limit_num === undefined
      ? undefined
      : new RateLimiter(requestOptions.rate_limit_num, requestOptions.rate_limit_duration_secs * 1000);
  const metrics = context.metrics;
  const sentEvents = metrics.counter('component_sent_events_total');
  const sentEventBytes = metrics.counter('component_sent_event_bytes_total');
  const sentBytes = metrics.counter('component_sent_bytes_total');
  const retries = metrics.counter('kinesis_retries_total');
  const throttles = metrics.counter('kinesis_throttles_total');
  const abandoned = metrics.counter('kinesis_abandoned_records_total');
  const warnDropped = rateLimitedLog(context.logger, 'warn');
  const warnRetry = rateLimitedLog(context.logger, 'warn');
  const errorRejected = rateLimitedLog(context.logger, 'error');
  const warnNoDescriptors = rateLimitedLog(context.logger, 'warn');
  // Handles taken once: a storm of bad events must not pay a label lookup per event.
  const discarded = metrics.counter('component_discarded_events_total', { intentional: 'false' });
  const errorsByType = {
    missing_partition_key: metrics.counter('component_errors_total', {
      error_type: 'missing_partition_key',
      stage: 'processing',
    }),
    record_too_large: metrics.counter('component_errors_total', {
      error_type: 'record_too_large',
      stage: 'processing',
    }),
    invalid_response: metrics.counter('component_errors_total', {
      error_type: 'invalid_response',
      stage: 'receiving',
    }),
    request_failed: metrics.counter('component_errors_total', {
      error_type: 'request_failed',
      stage: 'sending',
    }),
  };
  const discard = (
    event: LogEvent,
    errorType: 'missing_partition_key' | 'record_too_large',
    status: 'dropped' | 'rejected',
  ) => {
    finalizeEvents([event], status);
    discarded.increment();
    errorsByType[errorType].increment();
  };
  const reject = (entries: readonly Entry[], errorCode: string, message: string) => {
    finalizeEvents(
      entries.map((entry) => entry.event),
      'rejected',
    );
    metrics.counter('kinesis_failed_records_total', { error_code: errorCode }).increment(entries.length);
    errorsByType.request_failed.increment(entries.length);
    discarded.increment(entries.length);
    errorRejected('records rejected by Kinesis', {
      error_code: errorCode,
      error: message,
      records: entries.length,
    });
  };
  /**
   * At the shutdown deadline, records not yet accepted are left unfinalized, neither delivered nor
   * rejected: a disk buffer keeps them and sends them again at the next start (rejecting them would
   * acknowledge them and lose them); from a memory buffer they are lost with the process.
   */
  const abandon = (entries: readonly Entry[]) => {
    abandoned.increment(entries.length);
    context.logger.warn(
      `shutdown deadline passed: ${entries.length} records were not accepted by Kinesis; a disk buffer sends them again at the next start, a memory buffer loses them`,
    );
  };
  const deliver = (entries: readonly Entry[]) => {
    let bytes = 0;
    for (const entry of entries) bytes += entry.event.metadata.byteSize;
    finalizeEvents(
      entries.map((entry) => entry.event),
      'delivered',
    );
    sentEvents.increment(entries.length);
    sentEventBytes.increment(bytes);
  };

  /** One PutRecords call, aborted after `timeout_secs` or when the runtime gives up. */
  const putRecords = async (body: Buffer, records: number): Promise<PutRecordsResult> => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new Error('request timed out')),
      requestOptions.timeout_secs * 1000,
    );
    timer.unref();
    const abort = () => controller.abort(context.signal.reason);
    context.signal.addEventListener('abort', abort, { once: true });
    try {
      return await sendPutRecords(body, records, controller.signal);
    } catch (error) {
      if (controller.signal.aborted && !context.signal.aborted) {
        throw Object.assign(new Error(`request timed out after ${requestOptions.timeout_secs} s`), {
          name: 'TimeoutError',
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      context.signal.removeEventListener('abort', abort);
    }
  };

  /** Sends entries until each is accepted or rejected; only failed records are ever resent. */
  const send = async (entries: Entry[]): Promise<void> => {
    let remaining = entries;
    let attempt = 0;
    const maxRetries = requestOptions.retry_attempts ?? Number.POSITIVE_INFINITY;
    const retryLater = async (codes: string, throttled: boolean): Promise<boolean> => {
      if (attempt >= maxRetries || context.signal.aborted) return false;
      retries.increment(remaining.length);
      if (throttled) throttles.increment();
      warnRetry('retrying PutRecords', { reason: codes, records: remaining.length, attempt: attempt + 1 });
      await sleep(
        backoffMs(
          attempt,
          requestOptions.retry_initial_backoff_secs * 1000,
          requestOptions.retry_max_duration_secs * 1000,
        ),
        context.signal,
      );
      attempt += 1;
      return !context.signal.aborted;
    };
    while (remaining.length > 0) {
      if (context.signal.aborted) {
        abandon(remaining);
        return;
      }
      await rateLimiter?.acquire(context.signal);
      const body = format.body(options.stream_name, remaining);
      let response: PutRecordsResult;
      try {
        response = await putRecords(body, remaining.length);
      } catch (error) {
        const outcome = classifyError(error);
        if (outcome.code === 'invalid_response') errorsByType.invalid_response.increment();
        if (outcome.code === 'EMFILE' || outcome.code === 'ENFILE')
          warnNoDescriptors(
            'out of file descriptors: the request is retried; raise `ulimit -n` or limit connections',
            {
              error_code: outcome.code,
            },
          );
        if (outcome.retryable && (await retryLater(outcome.code, outcome.throttled))) continue;
        if (context.signal.aborted) abandon(remaining);
        else reject(remaining, outcome.code, outcome.message);
        return;
      }
      sentBytes.increment(body.length);
      const results = response.Records ?? [];
      if ((response.FailedRecordCount ?? 0) === 0) {
        deliver(remaining);
        return;
      }
      const accepted: Entry[] = [];
      const failed: Entry[] = [];
      const failedCodes = new Map<string, Entry[]>();
      remaining.forEach((entry, index) => {
        const code = results[index]?.ErrorCode;
        if (code === undefined || code === null) {
          accepted.push(entry);
        } else if (isRetryableRecordError(code)) {
          failed.push(entry);
          failedCodes.set(code, [...(failedCodes.get(code) ?? []), entry]);
        } else {
          reject([entry], code, results[index]?.ErrorMessage ?? code);
        }
      });
      deliver(accepted);
      remaining = failed;
      if (remaining.length === 0) return;
      const codes = [...failedCodes.keys()].join(', ');
      if (await retryLater(codes, failedCodes.has('ProvisionedThroughputExceededException'))) continue;
      if (context.signal.aborted) {
        abandon(remaining);
        return;
      }
      for (const [code, group] of failedCodes) reject(group, code, `${code} after ${attempt} retries`);
      return;
    }
  };

  const prepare = (event: LogEvent, pending: Entry[]): number => {
    let partitionKey: Buffer | undefined;
    let keyBytes: number;
    if (options.partition_key_field === undefined) {
      partitionKey = undefined; // drawn as the body is built
      keyBytes = RANDOM_KEY_BYTES;
    } else {
      const key = partitionKeyOf(getField(event.fields, options.partition_key_field));
      if (key === undefined) {
        discard(event, 'missing_partition_key', 'dropped');
        warnDropped('event dropped: its partition key field is missing, null or blank', {
          partition_key_field: options.partition_key_field,
        });
        return 0;
      }
      partitionKey = format.partitionKey(key);
      keyBytes = Buffer.byteLength(key);
    }
    const data = encoder.encodeToString(event);
    const dataBytes = Buffer.byteLength(data);
    const size = dataBytes + keyBytes;
    if (size > options.max_record_bytes) {
      discard(event, 'record_too_large', 'rejected');
      warnDropped('event dropped: the record is larger than max_record_bytes', {
        record_bytes: size,
        max_record_bytes: options.max_record_bytes,
      });
      return 0;
    }
    pending.push({ event, data, dataBytes, partitionKey, size });
    return size;
  };

  return {
    async run(input) {
      const inFlight = new Set<Promise<void>>();
      let pending: Entry[] = [];
      let pendingBytes = 0;
      let oldestAt = 0;
      const flush = async () => {
        if (pending.length === 0) return;
        const entries = pending;
        pending = [];
        pendingBytes = 0;
        // Waiting for a free slot is the backpressure that reaches the buffer.
        await semaphore.acquire();
        const request = send(entries)
          .catch((error: unknown) => reject(entries, 'internal_error', String(error)))
          .finally(() => {
            semaphore.release();
            inFlight.delete(request);
          });
        inFlight.add(request);
      };
      const iterator = input[Symbol.asyncIterator]();
      let next = iterator.next();
      for (;;) {
        let result: IteratorResult<Batch, unknown> | 'timeout';
        if (pending.length === 0) {
          result = await next;
        } else {
          const waitMs = Math.max(0, oldestAt + batchOptions.timeout_secs * 1000 - Date.now());
          let timer: NodeJS.Timeout | undefined;
          result = await Promise.race([
            next,
            new Promise<'timeout'>((resolve) => {
              timer = setTimeout(() => resolve('timeout'), waitMs);
            }),
          ]);
          clearTimeout(timer);
        }
        if (result === 'timeout') {
          await flush();
          continue;
        }
        if (result.done) break;
        next = iterator.next();
        for (const event of result.value) {
          const before = pending.length;
          const size = prepare(event, pending);
          if (pending.length === before) continue;
          if (before === 0) oldestAt = Date.now();
          if (pendingBytes + size > batchOptions.max_bytes && before > 0) {
            // This record starts the next request: send what came before it.
            const last = pending.pop() as Entry;
            await flush();
            pending.push(last);
            pendingBytes = size;
            oldestAt = Date.now();
          } else {
            pendingBytes += size;
          }
          if (pending.length >= batchOptions.max_events) await flush();
        }
      }
      await flush();
      await Promise.all(inFlight);
    },
  };
}
