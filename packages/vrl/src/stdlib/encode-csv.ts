import { defineFunction, expectArray, expectString, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { utf8Length } from './bytes.js';

/** `encode_csv(value, delimiter: ",")`: an array of strings as one CSV record (quoted only where needed). */
export const encodeCsv = defineFunction({
  name: 'encode_csv',
  parameters: [required('value', kind.ANY), optional('delimiter', kind.BYTES, ',')],
  returns: TypeDef.bytes().fallible(),
  call: ([value, delimiter]) => {
    const fields = expectArray(value).map(expectString);
    if (fields.length === 0) return '';
    const separator = delimiter as string;
    if (utf8Length(separator) !== 1) return fail('delimiter must be a single character');
    // A lone empty field is quoted, so the record is not an empty line.
    if (fields.length === 1 && fields[0] === '') return '""';
    return fields
      .map((field) =>
        field.includes(separator) || /["\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field,
      )
      .join(separator);
  },
});
