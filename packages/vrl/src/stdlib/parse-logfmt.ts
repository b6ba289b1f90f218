import { defineFunction, kind, required } from '../function.js';
import { keyValueTypeDef } from './parse-key-value.js';
import { type KeyValueOptions, parseKeyValueLine } from './parsers/key-value.js';

const LOGFMT: KeyValueOptions = {
  keyValueDelimiter: '=',
  fieldDelimiter: ' ',
  strict: false,
  acceptStandaloneKey: true,
};

/** `parse_logfmt(value)`: logfmt (`key=value key2="quoted value" flag`) as an object. */
export const parseLogfmt = defineFunction({
  name: 'parse_logfmt',
  parameters: [required('value', kind.BYTES)],
  returns: keyValueTypeDef(),
  freshResult: true,
  call: ([value]) => parseKeyValueLine(value as string, LOGFMT),
});
