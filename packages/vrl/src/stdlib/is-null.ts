import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_null(value)`. */
export const isNull = isKind('is_null', (value) => tagOf(value) === Tag.Null);
