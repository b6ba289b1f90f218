import { defineFunction, expectObject, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, ownField, setOwnField, type Value } from '../value/value.js';

const KEY_ALIASES = ['key', 'Key', 'name', 'Name'];

/** `from_entries(value)`: an object from `{ "key": …, "value": … }` entries (also `Key`/`name`/`Name`, `Value`). */
export const fromEntries = defineFunction({
  name: 'from_entries',
  parameters: [required('value', kind.ARRAY)],
  returns: TypeDef.object(),
  call: ([value]) => {
    const result: ObjectValue = {};
    for (const item of value as Value[]) {
      const entry = expectObject(item) as ObjectValue;
      let key: Value = null;
      for (const alias of KEY_ALIASES) {
        const candidate = ownField(entry, alias);
        if (candidate !== undefined && candidate !== null && candidate !== false) {
          key = candidate;
          break;
        }
      }
      if (typeof key !== 'string') return fail('object keys must be strings');
      setOwnField(result, key, ownField(entry, 'value') ?? ownField(entry, 'Value') ?? null);
    }
    return result;
  },
});
