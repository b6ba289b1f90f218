import { defineFunction, expectArray, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { getPath } from '../runtime/path.js';
import type { Segment } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { Tag, tagOf, type Value } from '../value/value.js';

/** `get(value, path)`: the value at a dynamic path (an array of field names and indices). */
export const get = defineFunction({
  name: 'get',
  parameters: [required('value', kind.OBJECT | kind.ARRAY), required('path', kind.ARRAY)],
  returns: TypeDef.any().fallible(),
  call: ([value, path]) => {
    const segments: Segment[] = [];
    for (const segment of expectArray(path)) {
      if (typeof segment === 'string') segments.push({ field: segment });
      else if (tagOf(segment) === Tag.Integer) segments.push({ index: Number(segment) });
      else return fail(`path segment must be either string or integer, not ${kindName(segment)}`);
    }
    return getPath(value as Value, segments) ?? null;
  },
});
