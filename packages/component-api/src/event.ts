import type { EventFinalizer } from './acknowledgements.js';
import type { DataType } from './components.js';
import { copyDate, FloatValue } from './values.js';

/**
 * A value a log event field can hold. `Date` is kept as a Date (a `Timestamp` when it has
 * nanoseconds) until an encoder formats it; an integer beyond 2^53 is a `bigint`; a whole float
 * (`2.0`) is a `FloatValue`, any other number is a plain number.
 */
export type FieldValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | Date
  | FloatValue
  | readonly FieldValue[]
  | FieldMap;

/** Whether a value is a table of fields (not a list, a Date, a float marker or a scalar). */
export function isFieldMap(value: unknown): value is FieldMap {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof FloatValue)
  );
}

/** The mutable field map of an event: `message`, `host`, `timestamp`, `source_type`, … */
export interface FieldMap {
  [field: string]: FieldValue | undefined;
}

export interface EventMetadata {
  /** True once the event was parsed explicitly (e.g. by `parse_json`): the dynamic encoding then sends JSON. */
  structured: boolean;
  /** Estimated size in bytes, for byte-bounded buffers and the `*_event_bytes_total` metrics. */
  byteSize: number;
  /** Shared by the events of one incoming batch; `undefined` when nobody waits for the outcome. */
  finalizer: EventFinalizer | undefined;
  /**
   * Data carried with the event besides its fields, never encoded by sinks: what VRL reads and
   * writes as `%` (Vector's `EventMetadata::value`). Absent until a program sets it.
   */
  value?: FieldValue;
  /** `metric` for a metric event (its fields are a metric in Vector's JSON shape); absent for a log. */
  dataType?: DataType;
}

export interface LogEvent {
  fields: FieldMap;
  metadata: EventMetadata;
}

/** Data always moves in batches: the per-event cost of the plumbing stays well under a microsecond. */
export type Batch = LogEvent[];

/** Fixed per-event overhead added to the byte estimate (field names, timestamps, bookkeeping). */
const EVENT_OVERHEAD_BYTES = 64;

export interface CreateLogEventOptions {
  structured?: boolean;
  byteSize?: number;
  finalizer?: EventFinalizer;
  /** `metric` for a metric event (see `EventMetadata.dataType`). */
  dataType?: DataType;
}

export function createLogEvent(fields: FieldMap, options: CreateLogEventOptions = {}): LogEvent {
  const metadata: EventMetadata = {
    structured: options.structured ?? false,
    byteSize: options.byteSize ?? estimateByteSize(fields),
    finalizer: options.finalizer,
  };
  if (options.dataType !== undefined && options.dataType !== 'log') metadata.dataType = options.dataType;
  return { fields, metadata };
}

/** A cheap estimate of an event's size: string lengths plus a fixed overhead per field. Not exact on purpose. */
export function estimateByteSize(fields: FieldMap): number {
  let size = EVENT_OVERHEAD_BYTES;
  for (const key in fields) {
    size += key.length + estimateValueSize(fields[key]);
  }
  return size;
}

function estimateValueSize(value: FieldValue | undefined): number {
  if (typeof value === 'string') return value.length + 2;
  if (
    value === null ||
    value === undefined ||
    typeof value === 'boolean' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    value instanceof FloatValue
  )
    return 8;
  if (value instanceof Date) return 24;
  if (Array.isArray(value)) {
    let size = 2;
    for (const item of value) size += estimateValueSize(item) + 1;
    return size;
  }
  return estimateByteSize(value as FieldMap) - EVENT_OVERHEAD_BYTES + 2;
}

/**
 * A deep copy of the fields (and of the metadata's `value`) for fan-out: each consumer may mutate
 * its own copy. The copy shares the finalizer, which is told to expect one more outcome.
 */
export function cloneLogEvent(event: LogEvent): LogEvent {
  event.metadata.finalizer?.retain(1);
  const metadata = { ...event.metadata };
  if (metadata.value !== undefined) metadata.value = cloneValue(metadata.value);
  return { fields: cloneFieldMap(event.fields), metadata };
}

function cloneFieldMap(fields: FieldMap): FieldMap {
  const copy: FieldMap = {};
  for (const key in fields) copy[key] = cloneValue(fields[key]);
  return copy;
}

/** A deep copy of a field value; Dates keep their nanoseconds, float markers are shared (immutable). */
export function cloneValue<Value extends FieldValue | undefined>(value: Value): Value {
  if (value === null || typeof value !== 'object' || value instanceof FloatValue) return value;
  if (value instanceof Date) return copyDate(value) as Value;
  if (Array.isArray(value)) return value.map(cloneValue) as unknown as Value;
  return cloneFieldMap(value as FieldMap) as Value;
}

/** Reads a dotted path (`a.b.c`) from a field map; `undefined` when any step is missing. */
export function getField(fields: FieldMap, path: string): FieldValue | undefined {
  if (!path.includes('.')) return fields[path];
  let current: FieldValue | undefined = fields;
  for (const part of path.split('.')) {
    if (!isFieldMap(current)) return undefined;
    current = (current as FieldMap)[part];
  }
  return current;
}

/** Writes a dotted path, creating intermediate maps (replacing non-map values on the way). */
export function setField(fields: FieldMap, path: string, value: FieldValue): void {
  if (!path.includes('.')) {
    fields[path] = value;
    return;
  }
  const parts = path.split('.');
  const last = parts.pop() as string;
  let current = fields;
  for (const part of parts) {
    const next = current[part];
    if (!isFieldMap(next)) {
      const created: FieldMap = {};
      current[part] = created;
      current = created;
    } else {
      current = next as FieldMap;
    }
  }
  current[last] = value;
}

/** Removes a dotted path; returns whether something was removed. */
export function removeField(fields: FieldMap, path: string): boolean {
  const parts = path.split('.');
  const last = parts.pop() as string;
  const parent = parts.length === 0 ? fields : getField(fields, parts.join('.'));
  if (!isFieldMap(parent)) return false;
  const map = parent as FieldMap;
  if (!(last in map)) return false;
  delete map[last];
  return true;
}
