import { Collection, Kind } from '../../type/kind.js';
import type { RegexMatch, VrlRegex } from '../../value/regex.js';
import { type ObjectValue, setOwnField } from '../../value/value.js';

/**
 * A match as an object (VRL's `capture_regex_to_map`): named groups under their name (null when
 * the group took no part); with `numericGroups`, the groups that took part under their position
 * among those (`"0"` the whole match), as Rust's `captures.iter().flatten().enumerate()` counts.
 */
export function captureObject(
  match: RegexMatch,
  names: readonly (string | null)[],
  numericGroups: boolean,
): ObjectValue {
  const object: ObjectValue = {};
  if (numericGroups) {
    let position = 0;
    for (const group of match.groups) {
      if (group !== undefined) setOwnField(object, String(position++), group);
    }
  }
  for (let index = 1; index < names.length; index++) {
    const name = names[index];
    if (name !== null && name !== undefined) setOwnField(object, name, match.groups[index] ?? null);
  }
  return object;
}

/** The type of {@link captureObject}'s result for a regex known at compile time (`regex_kind`). */
export function captureKind(regex: VrlRegex): Collection<string> {
  const names = regex.captureNames();
  const known = new Map<string, Kind>();
  for (let index = 0; index < names.length; index++) known.set(String(index), Kind.bytes().orNull());
  for (const name of names) if (name !== null) known.set(name, Kind.bytes());
  return Collection.known(known);
}
