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
 * A small object loses a field by being replaced with a copy without it (see {@link withoutField}).
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
  const outcome = removeFrom(holder.root, path, 0, prune);
  if (outcome === undefined) return undefined;
  holder.root = outcome.container;
  return outcome.removed;
}

/** What removing left: the value removed, the container after (maybe a new one), whether it is empty. */
interface Removal {
  removed: Value;
  container: Value;
  empty: boolean;
}

function removeFrom(
  container: Value,
  path: readonly Segment[],
  from: number,
  prune: boolean,
): Removal | undefined {
  const segment = path[from] as Segment;
  const last = from === path.length - 1;
  if ('field' in segment) {
    if (!isObjectValue(container)) return undefined;
    const field = segment.field;
    const child = ownField(container, field);
    if (child === undefined) return undefined;
    if (last) {
      const rest = withoutField(container, field);
      return { removed: child, container: rest, empty: prune && isEmptyObject(rest) };
    }
    const inner = removeFrom(child, path, from + 1, prune);
    if (inner === undefined) return undefined;
    let after = container;
    if (prune && inner.empty) after = withoutField(container, field);
    else if (inner.container !== child) setOwnField(container, field, inner.container);
    return { removed: inner.removed, container: after, empty: prune && isEmptyObject(after) };
  }
  if (!Array.isArray(container)) return undefined;
  const position = segment.index >= 0 ? segment.index : container.length + segment.index;
  if (position < 0 || position >= container.length) return undefined;
  if (last) {
    const [removed] = container.splice(position, 1);
    return { removed: removed as Value, container, empty: container.length === 0 };
  }
  const child = container[position] as Value;
  const inner = removeFrom(child, path, from + 1, prune);
  if (inner === undefined) return undefined;
  if (prune && inner.empty) container.splice(position, 1);
  else if (inner.container !== child) container[position] = inner.container;
  return { removed: inner.removed, container, empty: container.length === 0 };
}

/** Objects up to this many fields lose one by a copy (see {@link withoutField}). */
const COPY_LIMIT = 64;

/**
 * The object without a field: a copy of a small object, else the object itself after `delete`.
 * V8 turns an object that loses a field by `delete` into a slow dictionary, which costs more than
 * the copy there and in every later access (a typical event pays twice its `del`).
 */
function withoutField(object: ObjectValue, field: string): ObjectValue {
  const copy: ObjectValue = {};
  let count = 0;
  for (const key in object) {
    if (++count > COPY_LIMIT) {
      delete object[field];
      return object;
    }
    if (key !== field) setOwnField(copy, key, object[key] as Value);
  }
  return copy;
}

function isEmptyObject(object: ObjectValue): boolean {
  for (const key in object) if (object[key] !== undefined && Object.hasOwn(object, key)) return false;
  return true;
}
