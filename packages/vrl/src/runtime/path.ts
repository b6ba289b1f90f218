import type { Segment } from '../type/kind.js';
import { isObjectValue, type ObjectValue, ownField, setOwnField, type Value } from '../value/value.js';

/** The value at a path, or undefined when any step is missing (VRL's `Value::get`). */
export function getPath(value: Value | undefined, path: readonly Segment[]): Value | undefined {
  let current = value;
  for (const segment of path) {
    if (current === undefined || current === null) return undefined;
    if ('field' in segment) {
      if (!isObjectValue(current)) return undefined;
      current = ownField(current, segment.field);
    } else {
      if (!Array.isArray(current)) return undefined;
      current = arrayElement(current, segment.index);
    }
  }
  return current;
}

export function arrayElement(array: readonly Value[], index: number): Value | undefined {
  const position = index >= 0 ? index : array.length + index;
  return position >= 0 ? array[position] : undefined;
}

/**
 * Inserts at a path and returns the new root (VRL's `Value::insert`): missing or mismatched
 * containers on the way are replaced by new objects/arrays, arrays are padded with nulls.
 * Containers on the path are changed in place.
 */
export function insertPath(root: Value | undefined, path: readonly Segment[], value: Value, from = 0): Value {
  const segment = path[from];
  if (segment === undefined) return value;
  if ('field' in segment) {
    if (isObjectValue(root)) {
      setOwnField(root, segment.field, insertPath(ownField(root, segment.field), path, value, from + 1));
      return root;
    }
    const object: ObjectValue = {};
    setOwnField(object, segment.field, insertPath(undefined, path, value, from + 1));
    return object;
  }
  if (Array.isArray(root)) {
    setElement(root, segment.index, insertPath(arrayElement(root, segment.index), path, value, from + 1));
    return root;
  }
  const array: Value[] = [];
  setElement(array, segment.index, insertPath(undefined, path, value, from + 1));
  return array;
}

/** Rust's `Vec<Value>::insert_value`: pads with nulls after (or, for negative indices, before). */
function setElement(array: Value[], index: number, value: Value): void {
  if (index >= 0) {
    while (array.length <= index) array.push(null);
    array[index] = value;
    return;
  }
  const required = -index;
  if (array.length < required) {
    const padding: Value[] = [];
    while (array.length + padding.length < required - 1) padding.push(null);
    array.unshift(value, ...padding);
    return;
  }
  array[array.length + index] = value;
}

/**
 * Removes the value at a path and returns it (VRL's `Value::remove`); with `prune`, containers
 * left empty are removed up the path. The root itself becomes an empty object or array, or null.
 */
export function removePath(
  holder: { root: Value },
  path: readonly Segment[],
  prune: boolean,
): Value | undefined {
  if (path.length === 0) {
    const removed = holder.root;
    holder.root = isObjectValue(removed) ? {} : Array.isArray(removed) ? [] : null;
    return removed;
  }
  return removeFrom(holder.root, path, 0, prune)?.removed;
}

function removeFrom(
  container: Value,
  path: readonly Segment[],
  from: number,
  prune: boolean,
): { removed: Value; empty: boolean } | undefined {
  const segment = path[from] as Segment;
  const last = from === path.length - 1;
  if ('field' in segment) {
    if (!isObjectValue(container)) return undefined;
    const child = ownField(container, segment.field);
    if (child === undefined) return undefined;
    if (last) {
      delete container[segment.field];
      return { removed: child, empty: prune && isEmptyObject(container) };
    }
    const inner = removeFrom(child, path, from + 1, prune);
    if (inner === undefined) return undefined;
    if (prune && inner.empty) delete container[segment.field];
    return { removed: inner.removed, empty: prune && isEmptyObject(container) };
  }
  if (!Array.isArray(container)) return undefined;
  const position = segment.index >= 0 ? segment.index : container.length + segment.index;
  if (position < 0 || position >= container.length) return undefined;
  if (last) {
    const [removed] = container.splice(position, 1);
    return { removed: removed as Value, empty: container.length === 0 };
  }
  const inner = removeFrom(container[position] as Value, path, from + 1, prune);
  if (inner === undefined) return undefined;
  if (prune && inner.empty) container.splice(position, 1);
  return { removed: inner.removed, empty: container.length === 0 };
}

function isEmptyObject(object: ObjectValue): boolean {
  for (const key in object) if (object[key] !== undefined && Object.hasOwn(object, key)) return false;
  return true;
}
