import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_integer(value)`. */
export const isInteger = isKind('is_integer', (value) => tagOf(value) === Tag.Integer);
