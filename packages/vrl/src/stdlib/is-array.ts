import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_array(value)`. */
export const isArray = isKind('is_array', (value) => tagOf(value) === Tag.Array);
