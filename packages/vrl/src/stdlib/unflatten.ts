import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, setOwnField, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';

function unflattenValue(value: Value, separator: string, recursive: boolean): Value {
  return tagOf(value) === Tag.Object
    ? unflattenEntries(entriesOf(value as ObjectValue), separator, recursive)
    : value;
}

function entriesOf(object: ObjectValue): [string, Value][] {
  return sortedKeys(object).map((key) => [key, object[key] as Value]);
}

/** VRL's `do_unflatten_entries`: entries grouped by their key's first part, each group unflattened. */
function unflattenEntries(
  entries: readonly [string, Value][],
  separator: string,
  recursive: boolean,
): ObjectValue {
  const groups = new Map<string, { rest: string | undefined; value: Value }[]>();
  for (const [key, value] of entries) {
    const at = key.indexOf(separator);
    const head = at < 0 ? key : key.slice(0, at);
    const rest = at < 0 ? undefined : key.slice(at + separator.length);
    let group = groups.get(head);
    if (group === undefined) {
      group = [];
      groups.set(head, group);
    }
    group.push({ rest, value });
  }
  const result: ObjectValue = {};
  for (const [head, group] of groups) {
    if (group.length === 1) {
      const { rest, value } = group[0] as { rest: string | undefined; value: Value };
      const inner = recursive ? unflattenValue(value, separator, recursive) : value;
      // A single dotted key becomes nested objects, one per part.
      let nested = inner;
      if (rest !== undefined) {
        for (const part of rest.split(separator).reverse()) {
          const level: ObjectValue = {};
          setOwnField(level, part, nested);
          nested = level;
        }
      }
      setOwnField(result, head, rest === undefined ? inner : (nested as Value));
      continue;
    }
    // Several keys share the head: a plain `head` among them is dropped, as in VRL.
    const children: [string, Value][] = [];
    for (const { rest, value } of group) if (rest !== undefined) children.push([rest, value]);
    setOwnField(result, head, unflattenEntries(children, separator, recursive));
  }
  return result;
}

/** `unflatten(value, separator: ".", recursive: true)`: an object whose dotted keys become nested objects. */
export const unflatten = defineFunction({
  name: 'unflatten',
  parameters: [
    required('value', kind.OBJECT),
    optional('separator', kind.BYTES, '.'),
    optional('recursive', kind.BOOLEAN, true),
  ],
  returns: TypeDef.object(),
  call: ([value, separator, recursive]) => {
    // VRL recurses without end on an empty separator (every key splits into "" and itself).
    if (separator === '') return fail('separator must not be empty');
    return unflattenEntries(entriesOf(value as ObjectValue), separator as string, recursive as boolean);
  },
});
