import { TypeDef } from '../type/type-def.js';
import { Tag } from '../value/value.js';
import { assertion } from './assertion.js';

/** `int(value)`: the value when it is an integer, else an error. */
export const int = assertion('int', Tag.Integer, 'integer', TypeDef.integer(), (type) => type.isInteger());
