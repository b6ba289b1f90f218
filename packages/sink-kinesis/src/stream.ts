import { DescribeStreamSummaryCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { type ComponentContext, rateLimitedLog } from '@sluice/component-api';
import { listShards, ShardMap, type StreamReference } from './shards.js';

/** What DescribeStreamSummary says that changes how the sink sends. */
export interface StreamSummary {
  readonly status: string | undefined;
  /** On-demand capacity (`StreamModeDetails.StreamMode`): shards come and go with the load. */
  readonly onDemand: boolean;
  /**
   * `RecordDistributionStrategy = AUTO`: the service places records itself, ignoring partition and
   * explicit hash keys; a KPL aggregate of several keys is then on no key's shard.
   */
  readonly autoDistribution: boolean;
  /** `MaxRecordSizeInKiB` in bytes; undefined when the answer does not say (1 MiB). */
  readonly maxRecordBytes: number | undefined;
  readonly openShards: number | undefined;
}

/** Shortest time between two reads asked for by a sign of resharding. */
const MIN_REFRESH_INTERVAL_MS = 1_000;
/** A read of the stream (one DescribeStreamSummary, every page of ListShards) is given up after this. */
const REFRESH_TIMEOUT_MS = 30_000;

export interface StreamWatchOptions {
  readonly client: KinesisClient;
  readonly stream: StreamReference;
  /** The stream as logs name it. */
  readonly name: string;
  readonly refreshIntervalMs: number;
  /** Read the shard map too (shard awareness); only the summary otherwise. */
  readonly listShards: boolean;
  readonly context: Pick<ComponentContext, 'logger' | 'metrics' | 'signal'>;
  readonly now?: () => number;
}

/**
 * The stream as the sink last read it: its summary (DescribeStreamSummary: capacity mode, record
 * distribution, record size limit) and, with shard awareness, its shard map (ListShards), both read
 * at start and every refresh interval, and within a second of a sign of resharding. Nothing waits
 * on it: until it is read, the sink sends as if it knew nothing (unpaced, 1 MiB records). A read
 * that fails (denied, unreachable, a ListShards that pages without end) is logged (every 10
 * minutes at most) and the last one read is kept.
 */
export class StreamWatch {
  summary: StreamSummary | undefined;
  map: ShardMap | undefined;
  readonly #options: StreamWatchOptions;
  readonly #now: () => number;
  readonly #closing = new AbortController();
  readonly #summaryListeners: Array<(summary: StreamSummary) => void> = [];
  readonly #mapListeners: Array<(map: ShardMap) => void> = [];
  readonly #warn: ReturnType<typeof rateLimitedLog>;
  readonly #warnShards: ReturnType<typeof rateLimitedLog>;
  readonly #openShards: { set(value: number): void };
  readonly #refreshed: { increment(): void };
  readonly #refreshFailed: { increment(): void };
  #running: Promise<void> | undefined;
  #first: Promise<void> | undefined;
  #lastRefreshAt = Number.NEGATIVE_INFINITY;
  #interval: NodeJS.Timeout | undefined;
  #staleTimer: NodeJS.Timeout | undefined;

  constructor(options: StreamWatchOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    const { logger, metrics } = options.context;
    this.#warn = rateLimitedLog(logger, 'warn', 10 * 60_000);
    this.#warnShards = rateLimitedLog(logger, 'warn', 10 * 60_000);
    this.#openShards = metrics.gauge('kinesis_open_shards');
    this.#refreshed = metrics.counter('kinesis_shard_map_refreshes_total', { outcome: 'ok' });
    this.#refreshFailed = metrics.counter('kinesis_shard_map_refreshes_total', { outcome: 'failed' });
  }

  onSummary(listener: (summary: StreamSummary) => void): void {
    this.#summaryListeners.push(listener);
  }

  onMap(listener: (map: ShardMap) => void): void {
    this.#mapListeners.push(listener);
  }

  /** The first read, started once (by the healthcheck or the first request), and the periodic ones. */
  start(): Promise<void> {
    if (this.#first === undefined) {
      this.#first = this.refresh();
      this.#interval = setInterval(() => void this.refresh(), this.#options.refreshIntervalMs);
      this.#interval.unref();
    }
    return this.#first;
  }

  /** Reads the stream now (joins a read in progress); never throws. */
  refresh(): Promise<void> {
    this.#running ??= this.#read().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** A sign that the stream is being resharded: it is read again soon (at most once a second). */
  stale(): void {
    if (this.#staleTimer !== undefined || this.#closing.signal.aborted) return;
    this.#staleTimer = setTimeout(
      () => {
        this.#staleTimer = undefined;
        void this.refresh();
      },
      Math.max(0, this.#lastRefreshAt + MIN_REFRESH_INTERVAL_MS - this.#now()),
    );
    this.#staleTimer.unref();
  }

  /** Stops reading; resolves once a read in progress has given up (its connection closed). */
  async close(): Promise<void> {
    clearInterval(this.#interval);
    clearTimeout(this.#staleTimer);
    this.#closing.abort();
    await this.#running;
  }

  async #read(): Promise<void> {
    this.#lastRefreshAt = this.#now();
    const { client, stream, name, context } = this.#options;
    const signal = AbortSignal.any([
      this.#closing.signal,
      context.signal,
      AbortSignal.timeout(REFRESH_TIMEOUT_MS),
    ]);
    try {
      const described = await client.send(new DescribeStreamSummaryCommand(stream), { abortSignal: signal });
      this.#summarized(described.StreamDescriptionSummary);
    } catch (error) {
      if (this.#closing.signal.aborted || context.signal.aborted) return;
      this.#warn('DescribeStreamSummary failed: sending as before (needs kinesis:DescribeStreamSummary)', {
        stream: name,
        error: describe(error),
      });
    }
    if (!this.#options.listShards || this.summary?.autoDistribution === true) return;
    try {
      const { open, closed } = await listShards(client, stream, signal);
      if (open.length === 0) throw new Error('ListShards listed no open shard');
      const next = new ShardMap(open, closed);
      const changed = this.map === undefined || !this.map.equals(next);
      this.map = next;
      this.#openShards.set(open.length);
      this.#refreshed.increment();
      if (changed) {
        context.logger.info(`shard map of stream "${name}": ${open.length} open shards`);
        for (const listener of this.#mapListeners) listener(next);
      }
    } catch (error) {
      if (this.#closing.signal.aborted || context.signal.aborted) return;
      this.#refreshFailed.increment();
      this.#warnShards(
        this.map === undefined
          ? 'ListShards failed: sending without shard awareness (no per-shard pacing) until it succeeds; the sink needs kinesis:ListShards'
          : 'ListShards failed: pacing by the last shard map read',
        { stream: name, error: describe(error) },
      );
    }
  }

  #summarized(
    described:
      | {
          StreamStatus?: string | undefined;
          StreamModeDetails?: { StreamMode?: string | undefined } | undefined;
          RecordDistributionStrategy?: string | undefined;
          MaxRecordSizeInKiB?: number | undefined;
          OpenShardCount?: number | undefined;
        }
      | undefined,
  ): void {
    const summary: StreamSummary = {
      status: described?.StreamStatus,
      onDemand: described?.StreamModeDetails?.StreamMode === 'ON_DEMAND',
      autoDistribution: described?.RecordDistributionStrategy === 'AUTO',
      maxRecordBytes:
        typeof described?.MaxRecordSizeInKiB === 'number' ? described.MaxRecordSizeInKiB * 1024 : undefined,
      openShards: described?.OpenShardCount,
    };
    const before = this.summary;
    this.summary = summary;
    if (
      before === undefined ||
      before.onDemand !== summary.onDemand ||
      before.autoDistribution !== summary.autoDistribution ||
      before.maxRecordBytes !== summary.maxRecordBytes ||
      before.openShards !== summary.openShards
    ) {
      this.#options.context.logger.info(`stream "${this.#options.name}"`, {
        capacity_mode: summary.onDemand ? 'ON_DEMAND' : 'PROVISIONED',
        record_distribution: summary.autoDistribution ? 'AUTO' : 'USER_PARTITION_KEY',
        max_record_bytes: summary.maxRecordBytes ?? 1024 * 1024,
        open_shards: summary.openShards,
      });
      for (const listener of this.#summaryListeners) listener(summary);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
