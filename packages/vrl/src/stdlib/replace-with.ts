import { defineFunction, expectInteger, expectString, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { type RegexMatch, VrlRegex } from '../value/regex.js';
import { type ObjectValue, setOwnField, type Value } from '../value/value.js';
import { closureOf } from './closures.js';

const matchKind = Kind.object(
  Collection.fromParts<string>(
    new Map([
      ['string', Kind.bytes()],
      ['captures', Kind.array(Collection.fromUnknown(Kind.bytes().orNull()))],
    ]),
    Kind.bytes().orNull(),
  ),
);

/** The closure's argument: the match (`string`), its groups (`captures`) and the named groups. */
function matchObject(match: RegexMatch, names: readonly (string | null)[]): ObjectValue {
  const object: ObjectValue = { string: match.groups[0] ?? '' };
  const captures: Value[] = [];
  for (let index = 1; index < match.groups.length; index++) {
    const group = match.groups[index] ?? null;
    const name = names[index];
    if (name !== null && name !== undefined) setOwnField(object, name, group);
    captures.push(group);
  }
  object.captures = captures;
  return object;
}

/**
 * `replace_with(value, pattern, count: -1) -> |match| { … }`: each match of the regex (the first
 * `count` when positive) replaced by what the closure returns for it.
 */
export const replaceWith = defineFunction({
  name: 'replace_with',
  parameters: [
    required('value', kind.BYTES),
    required('pattern', kind.REGEX),
    optional('count', kind.INTEGER),
  ],
  closure: {
    inputs: [
      {
        parameterKeyword: 'value',
        kind: Kind.bytes(),
        variables: [{ type: 'exact', kind: matchKind }],
        output: Kind.bytes(),
        example: `replace_with("received email from a@example.com", pattern: r'\\w+@\\w+\\.\\w+') -> |match| { sha2(match.string) }`,
      },
    ],
  },
  compile(call) {
    const value = call.required('value').evaluate;
    const pattern = call.required('pattern').evaluate;
    const count = call.argument('count')?.evaluate;
    const closure = closureOf(call.closure);
    return {
      run(context) {
        const text = expectString(value(context));
        const regex = pattern(context);
        if (!(regex instanceof VrlRegex)) return fail('failed to resolve regex');
        const names = regex.captureNames();
        if (names.includes('string') || names.includes('captures')) {
          return fail('Capture group cannot be named "string" or "captures"');
        }
        const limit = count === undefined ? -1 : Number(expectInteger(count(context)));
        if (limit === 0) return text;
        let output = '';
        let last = 0;
        let replaced = 0;
        for (const match of regex.matches(text)) {
          const replacement = expectString(closure.run(context, matchObject(match, names)));
          output += text.slice(last, match.start) + replacement;
          last = match.end;
          replaced++;
          if (limit > 0 && replaced >= limit) break;
        }
        return output + text.slice(last);
      },
      typeDef: TypeDef.bytes(),
    };
  },
});
