import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { utf8Length } from './parsers/whitespace.js';

/**
 * The first record of CSV text as the `csv` crate reads it with its defaults: `"` quotes with
 * `""` inside, lines ending in `\n`, `\r` or `\r\n`, blank lines skipped, a quote in the middle
 * of an unquoted field kept, an unterminated quoted field ending at the end of the text.
 */
function firstRecord(text: string, delimiter: string): string[] {
  let index = 0;
  while (index < text.length && (text[index] === '\n' || text[index] === '\r')) index++;
  if (index >= text.length) return [];
  const fields: string[] = [];
  let field = '';
  let state: 'start' | 'unquoted' | 'quoted' | 'quoteInQuoted' = 'start';
  for (; index < text.length; index++) {
    const character = text[index] as string;
    const terminator = character === '\n' || character === '\r';
    if (state === 'quoted') {
      if (character === '"') state = 'quoteInQuoted';
      else field += character;
      continue;
    }
    if (state === 'quoteInQuoted' && character === '"') {
      field += '"';
      state = 'quoted';
      continue;
    }
    if (character === delimiter) {
      fields.push(field);
      field = '';
      state = 'start';
      continue;
    }
    if (terminator) break;
    if (state === 'start' && character === '"') {
      state = 'quoted';
      continue;
    }
    field += character;
    state = 'unquoted';
  }
  fields.push(field);
  return fields;
}

/** `parse_csv(value, delimiter: ",")`: the fields of the first CSV row. */
export const parseCsv = defineFunction({
  name: 'parse_csv',
  parameters: [required('value', kind.BYTES), optional('delimiter', kind.BYTES, ',')],
  returns: TypeDef.array(Collection.fromUnknown(Kind.bytes())).fallible(),
  freshResult: true,
  call: ([value, delimiter]) => {
    if (utf8Length(delimiter as string) !== 1) return fail('delimiter must be a single character');
    return firstRecord(value as string, delimiter as string);
  },
});
