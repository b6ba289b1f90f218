import { type ObjectValue, sortedKeys, Tag, tagOf, type Value } from '../value/value.js';
import { Collection, Kind } from './kind.js';

/** The exact kind of a value (VRL's `Kind::from(&Value)`): objects and arrays list their contents. */
export function kindOfValue(value: Value | undefined): Kind {
  switch (tagOf(value)) {
    case Tag.Bytes:
      return Kind.bytes();
    case Tag.Integer:
      return Kind.integer();
    case Tag.Float:
      return Kind.float();
    case Tag.Boolean:
      return Kind.boolean();
    case Tag.Timestamp:
      return Kind.timestamp();
    case Tag.Regex:
      return Kind.regex();
    case Tag.Null:
      return Kind.null();
    case Tag.Array:
      return Kind.array(
        Collection.known((value as Value[]).map((item, index) => [index, kindOfValue(item)])),
      );
    default: {
      const object = value as ObjectValue;
      return Kind.object(Collection.known(sortedKeys(object).map((key) => [key, kindOfValue(object[key])])));
    }
  }
}

/** A value's kind as VRL names it in runtime errors ("string", "{ a: integer }", …). */
export function kindName(value: Value | undefined): string {
  return kindOfValue(value).toString();
}
