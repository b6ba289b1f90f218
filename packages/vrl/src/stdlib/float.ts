import { TypeDef } from '../type/type-def.js';
import { Tag } from '../value/value.js';
import { assertion } from './assertion.js';

/** `float(value)`: the value when it is a float, else an error. */
export const float = assertion('float', Tag.Float, 'float', TypeDef.float(), (type) => type.isFloat());
