import type { LogEvent } from '@sluice/component-api';
import type { LogicalFile, Segment } from './logical-file.js';

/** Events on their way downstream, and the file ranges their finalizer will settle. */
export class PendingBatch {
  events: LogEvent[] = [];
  bytes = 0;
  segments: Segment[] = [];
  files = new Set<LogicalFile>();
}
