import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, setOwnField } from '../value/value.js';
import { parseCefPairs } from './parsers/cef.js';

/** The custom extension fields: each label names its value. */
const CUSTOM_FIELDS = [
  'c6a1',
  'c6a2',
  'c6a3',
  'c6a4',
  'cfp1',
  'cfp2',
  'cfp3',
  'cfp4',
  'cn1',
  'cn2',
  'cn3',
  'cs1',
  'cs2',
  'cs3',
  'cs4',
  'cs5',
  'cs6',
  'deviceCustomDate1',
  'deviceCustomDate2',
  'flexDate1',
  'flexString1',
  'flexString2',
];
const CUSTOM = new Map<string, [number, 0 | 1]>(
  CUSTOM_FIELDS.flatMap((name, index) => [
    [`${name}Label`, [index, 0]],
    [name, [index, 1]],
  ]),
);

/** `translate_custom_fields`: `cs1Label=user cs1=bob` becomes `user: bob`. */
function translateCustomFields(pairs: [string, string][]): ObjectValue {
  const result: ObjectValue = {};
  const custom = new Map<number, [string | undefined, string | undefined]>();
  for (const [key, value] of pairs) {
    const field = CUSTOM.get(key);
    if (field === undefined) {
      setOwnField(result, key, value);
      continue;
    }
    const [index, part] = field;
    const entry = custom.get(index) ?? [undefined, undefined];
    if (entry[part] !== undefined)
      return fail(`Custom field with duplicate ${part === 0 ? 'label' : 'value'}`);
    entry[part] = value;
    custom.set(index, entry);
  }
  for (const [label, value] of custom.values()) {
    if (label === undefined) return fail('Custom field with missing label or value');
    setOwnField(result, label, value ?? null);
  }
  return result;
}

/**
 * `parse_cef(value, translate_custom_fields: false, strict: true)`: a Common Event Format line
 * (what precedes `CEF:` is ignored) as its headers and extensions.
 */
export const parseCef = defineFunction({
  name: 'parse_cef',
  parameters: [
    required('value', kind.BYTES),
    optional('translate_custom_fields', kind.BOOLEAN, false),
    optional('strict', kind.BOOLEAN, true),
  ],
  returns: TypeDef.object(
    Collection.fromParts(
      new Map(
        [
          'cefVersion',
          'deviceVendor',
          'deviceProduct',
          'deviceVersion',
          'deviceEventClassId',
          'name',
          'severity',
        ].map((name) => [name, Kind.bytes()]),
      ),
      Kind.bytes(),
    ),
  ).fallible(),
  freshResult: true,
  call: ([value, translate, strict]) => {
    const pairs = parseCefPairs(value as string, strict as boolean);
    if (translate === true) return translateCustomFields(pairs);
    const result: ObjectValue = {};
    for (const [key, field] of pairs) setOwnField(result, key, field);
    return result;
  },
});
