import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { VrlRegex } from '../value/regex.js';
import { captureKind, captureObject } from './parsers/regex-captures.js';

/** `parse_regex(value, pattern, numeric_groups: false)`: the capture groups of the first match. */
export const parseRegex = defineFunction({
  name: 'parse_regex',
  parameters: [
    required('value', kind.BYTES),
    required('pattern', kind.REGEX),
    optional('numeric_groups', kind.BOOLEAN, false),
  ],
  returns: (call) => {
    const pattern = call.required('pattern').constant;
    return (
      pattern instanceof VrlRegex
        ? TypeDef.object(captureKind(pattern))
        : TypeDef.object(Collection.fromUnknown(Kind.bytes().orNull()))
    ).fallible();
  },
  freshResult: true,
  call: ([value, pattern, numericGroups]) => {
    const regex = pattern as VrlRegex;
    const match = regex.captures(value as string);
    if (match === undefined) return fail('could not find any pattern matches');
    return captureObject(match, regex.captureNames(), numericGroups as boolean);
  },
});
