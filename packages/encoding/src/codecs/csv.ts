import { type FieldMap, type FieldValue, getField } from '@sluice/component-api';
import type { CsvOptions } from './config.js';
import { withoutLeadingDot } from './fields.js';
import { scalarText, type TimestampWriter } from './scalars.js';

/**
 * Vector's `csv` codec (its `csv_core` writer): the listed fields in order, missing ones empty,
 * strings as they are, numbers as Rust prints them, timestamps by `timestamp_format`, null,
 * tables and lists empty; a field is quoted when it holds the delimiter, the quote, `\r` or `\n`
 * (or always/never), a quote doubled (or escaped when `double_quote = false`). No line end:
 * framing adds it.
 */
export function csvEncoder(options: CsvOptions, write: TimestampWriter): (fields: FieldMap) => string {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote ?? '"';
  const escapedQuote =
    options.double_quote === false ? `${options.escape ?? '"'}${quote}` : `${quote}${quote}`;
  const style = options.quote_style ?? 'necessary';
  const paths = options.fields.map(withoutLeadingDot);
  const cell = (value: FieldValue | undefined): string =>
    value === undefined || value === null ? '' : (scalarText(value, write) ?? '');
  const needsQuotes = (text: string) =>
    style === 'always' ||
    (style === 'necessary' &&
      (text.includes(delimiter) || text.includes(quote) || text.includes('\n') || text.includes('\r')));
  return (fields) => {
    let line = '';
    for (const [index, path] of paths.entries()) {
      const text = cell(getField(fields, path));
      if (index > 0) line += delimiter;
      line += needsQuotes(text) ? `${quote}${text.replaceAll(quote, escapedQuote)}${quote}` : text;
    }
    // csv_core quotes a record of one empty field, so the line is not mistaken for no record.
    return paths.length === 1 && line === '' && style !== 'never' ? `${quote}${quote}` : line;
  };
}
