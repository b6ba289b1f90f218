import { defineFunction, expectString, kind, optional, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { VrlRegex } from '../value/regex.js';
import type { Value } from '../value/value.js';
import { captureKind, captureObject } from './parsers/regex-captures.js';

/** `parse_regex_all(value, pattern, numeric_groups: false)`: the capture groups of every match. */
export const parseRegexAll = defineFunction({
  name: 'parse_regex_all',
  parameters: [
    required('value', kind.ANY),
    required('pattern', kind.REGEX),
    optional('numeric_groups', kind.BOOLEAN, false),
  ],
  returns: (call) => {
    const pattern = call.required('pattern').constant;
    const item =
      pattern instanceof VrlRegex
        ? Kind.object(captureKind(pattern))
        : Kind.object(Collection.fromUnknown(Kind.bytes().orNull()));
    return TypeDef.array(Collection.fromUnknown(item.orNull())).fallible();
  },
  freshResult: true,
  call: ([value, pattern, numericGroups]) => {
    const text = expectString(value);
    const regex = pattern as VrlRegex;
    const names = regex.captureNames();
    const matches: Value[] = [];
    for (const match of regex.matches(text))
      matches.push(captureObject(match, names, numericGroups as boolean));
    return matches;
  },
});
