import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_string(value)`. */
export const isString = isKind('is_string', (value) => tagOf(value) === Tag.Bytes);
