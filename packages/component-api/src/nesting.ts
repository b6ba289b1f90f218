import { FloatValue } from './values.js';

/**
 * How deep containers (tables and lists) may nest in an event, its field map counting as the first
 * level: a value that reaches this depth is refused where events are made (decoders, `parse_json`,
 * config values) and by every encoder. serde_json, which reads Vector's JSON, refuses the same: it
 * stops at its 128th nested level ("recursion limit exceeded").
 */
export const NESTING_LIMIT = 128;

/**
 * Thrown by a parser or an encoder that meets a value nested `NESTING_LIMIT` deep. A RangeError,
 * as the stack overflow it stands in for; never the stack overflow itself.
 */
export class NestingLimitError extends RangeError {
  override readonly name = 'NestingLimitError';

  constructor(what = 'value') {
    super(`${what} nests ${NESTING_LIMIT} or more levels deep (the limit, as serde_json's recursion limit)`);
  }
}

function isContainer(value: unknown): value is object {
  return (
    value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof FloatValue)
  );
}

/**
 * Whether `value`, itself at nesting level `level` (1 for an event's field map), holds containers
 * nested `NESTING_LIMIT` deep. Walks with a stack of its own: no call stack to overflow, whatever
 * the depth, and it stops at the first container that is too deep. Cheap for usual events: only
 * tables and lists are visited.
 */
export function nestsTooDeep(value: unknown, level = 1): boolean {
  if (!isContainer(value)) return false;
  const pending: Array<{ container: object; level: number }> = [{ container: value, level }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.level >= NESTING_LIMIT) return true;
    const children = Array.isArray(next.container) ? next.container : Object.values(next.container);
    for (const child of children)
      if (isContainer(child)) pending.push({ container: child, level: next.level + 1 });
  }
  return false;
}
