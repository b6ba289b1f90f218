import { defineFunction, kind, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { parseRubyHash as parse } from './parsers/ruby-hash.js';

/** `parse_ruby_hash(value)`: a Ruby hash literal (`{ "a" => 1, :b => [true, nil] }`); numbers are floats. */
export const parseRubyHash = defineFunction({
  name: 'parse_ruby_hash',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.object(
    Collection.fromUnknown(
      Kind.null().orBytes().orFloat().orBoolean().orArray(Collection.any()).orObject(Collection.any()),
    ),
  ).fallible(),
  freshResult: true,
  call: ([value]) => parse(value as string),
});
