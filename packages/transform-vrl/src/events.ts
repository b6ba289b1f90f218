import {
  type Batch,
  cloneValue,
  estimateByteSize,
  type FieldMap,
  type FieldValue,
  FloatValue,
  type LogEvent,
} from '@sluice/component-api';
import { type Value, VrlRegex } from '@sluice/vrl';

/*
 * Sluice events and VRL values share one value model (strings, integers as numbers or bigints,
 * floats with `FloatValue` for whole ones, `Date`/`Timestamp` with nanoseconds, arrays, plain
 * objects, null): an event's fields are given to a program as they are, and what it leaves is
 * the event, with no conversion. Only a regex, which no event holds, needs one.
 */

/** Whether a VRL value is an object (an event's fields), not an array, a scalar or a marker. */
export function isObjectValue(value: unknown): value is FieldMap {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof FloatValue) &&
    !(value instanceof VrlRegex)
  );
}

/**
 * The value with each regex replaced by its pattern, in place where it is held (what Vector's
 * JSON writes for a regex). Only for programs that may leave one (`Program.mayHoldRegex`).
 */
export function withoutRegexes(value: Value): Value {
  if (value instanceof VrlRegex) return value.pattern;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = withoutRegexes(value[index] as Value);
  } else if (isObjectValue(value)) {
    for (const key in value)
      (value as Record<string, Value>)[key] = withoutRegexes((value as Record<string, Value>)[key] as Value);
  }
  return value;
}

/**
 * The events a run leaves, as Vector's `VrlTarget::into_events` (legacy namespace): an object is
 * the event; an array is one event per item (an item that is not an object becomes its
 * `message`); any other value becomes the `message` of an event. The first event is `event`
 * itself; the others share its finalizer, which expects one outcome more for each. Returns how
 * many events were pushed: 0 for `. = []`, and the caller finalizes `event`.
 */
export function pushEvents(root: Value, event: LogEvent, output: Batch): number {
  if (isObjectValue(root)) {
    event.fields = root;
    event.metadata.byteSize = estimateByteSize(root);
    output.push(event);
    return 1;
  }
  if (!Array.isArray(root)) {
    event.fields = { message: root as FieldValue };
    event.metadata.byteSize = estimateByteSize(event.fields);
    output.push(event);
    return 1;
  }
  if (root.length === 0) return 0;
  event.metadata.finalizer?.retain(root.length - 1);
  // An array may hold one object twice: each event gets its own.
  const used = new Set<unknown>();
  for (const [index, item] of root.entries()) {
    let fields: FieldMap = isObjectValue(item) ? item : { message: item as FieldValue };
    if (used.has(fields)) fields = cloneValue(fields);
    used.add(fields);
    const target: LogEvent =
      index === 0
        ? event
        : {
            fields,
            metadata: {
              ...event.metadata,
              ...(event.metadata.value === undefined ? {} : { value: cloneValue(event.metadata.value) }),
            },
          };
    target.fields = fields;
    target.metadata.byteSize = estimateByteSize(fields);
    output.push(target);
  }
  return root.length;
}
