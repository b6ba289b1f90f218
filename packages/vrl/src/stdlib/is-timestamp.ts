import { Tag, tagOf } from '../value/value.js';
import { isKind } from './is-kind.js';

/** `is_timestamp(value)`. */
export const isTimestamp = isKind('is_timestamp', (value) => tagOf(value) === Tag.Timestamp);
