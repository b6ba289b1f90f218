import { fail } from '../runtime/errors.js';
import type { Segment } from '../type/kind.js';
import { kindName } from '../type/value-kind.js';
import { isObjectValue, type ObjectValue, ownField, Tag, tagOf, type Value } from '../value/value.js';

/** A path given as a value (`["a", 0, "b"]`), as `set` and `remove` read it. */
export function pathSegments(path: readonly Value[]): Segment[] {
  const segments: Segment[] = [];
  for (const segment of path) {
    if (typeof segment === 'string') segments.push({ field: segment });
    else if (tagOf(segment) === Tag.Integer) segments.push({ index: Number(segment) });
    else return fail(`path segment must be either string or integer, not ${kindName(segment)}`);
  }
  return segments;
}

/**
 * A copy of `root` whose containers along `path` are copied too, so the path can be changed in
 * place (`insertPath`, `removePath`) without touching the argument, which may be the event's.
 */
export function copyAlongPath(root: Value, path: readonly Segment[], from = 0): Value {
  const segment = path[from];
  if (isObjectValue(root)) {
    const copy: ObjectValue = { ...root };
    if (segment !== undefined && 'field' in segment) {
      const child = ownField(root, segment.field);
      if (child !== undefined) copy[segment.field] = copyAlongPath(child, path, from + 1);
    }
    return copy;
  }
  if (Array.isArray(root)) {
    const copy = [...root];
    if (segment !== undefined && 'index' in segment) {
      const position = segment.index >= 0 ? segment.index : copy.length + segment.index;
      const child = copy[position];
      if (child !== undefined) copy[position] = copyAlongPath(child, path, from + 1);
    }
    return copy;
  }
  return root;
}
