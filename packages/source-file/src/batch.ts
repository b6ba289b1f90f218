import type { LogEvent } from '@sluice/component-api';
import type { LogicalFile, Segment } from './logical-file.js';

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
