import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_boolean(value)`. */
export const isBoolean = isKind('is_boolean', (value) => tagOf(value) === Tag.Boolean);
