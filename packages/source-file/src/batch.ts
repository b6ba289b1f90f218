import { attachFinalizer, type Batch, type Emit, type LogEvent } from '@sluice/component-api';
import type { LogicalFile, Segment } from './logical-file.js';
import type { Metrics } from './reporting.js';

/** A batch is handed downstream once it holds this many events (or at the end of a round). */
export const BATCH_EVENTS = 1000;
export const BATCH_BYTES = 1024 * 1024;

/** Events on their way downstream, and the file ranges their finalizer will settle. */
export class PendingBatch {
  events: LogEvent[] = [];
  bytes = 0;
  segments: Segment[] = [];
  files = new Set<LogicalFile>();
}

/**
 * Hands a batch downstream; once its events are finalized, its file ranges are settled and
 * `onFinalized` is called (a checkpoint write soon). A batch without events settles at once.
 */
export async function emitBatch(
  pending: PendingBatch,
  emit: Emit,
  metrics: Metrics,
  onFinalized: () => void,
): Promise<void> {
  const { events, segments, files } = pending;
  if (events.length === 0) {
    for (const segment of segments) segment.done = true;
    for (const file of files) file.advance();
    return;
  }
  metrics.receivedEvents.increment(events.length);
  metrics.receivedEventBytes.increment(pending.bytes);
  attachFinalizer(events, () => {
    // Delivered, rejected (counted by the sink) or dropped on purpose: final either way, so the
    // checkpoint may pass these lines. An event never finalized (a crash, a shutdown deadline)
    // holds its file's checkpoint back: read again after a restart.
    for (const segment of segments) segment.done = true;
    for (const file of files) file.advance();
    onFinalized();
  });
  await emit(events as Batch);
}
