import { TypeDef } from '../type/type-def.js';
import { Tag } from '../value/value.js';
import { assertion } from './assertion.js';

/** `bool(value)`: the value when it is a boolean, else an error. */
export const bool = assertion('bool', Tag.Boolean, 'boolean', TypeDef.boolean(), (type) => type.isBoolean());
