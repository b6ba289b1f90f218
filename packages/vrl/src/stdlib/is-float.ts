import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_float(value)`. */
export const isFloat = isKind('is_float', (value) => tagOf(value) === Tag.Float);
