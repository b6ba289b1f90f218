import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_regex(value)`. */
export const isRegex = isKind('is_regex', (value) => tagOf(value) === Tag.Regex);
