import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_object(value)`. */
export const isObject = isKind('is_object', (value) => tagOf(value) === Tag.Object);
