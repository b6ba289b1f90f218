import { defineFunction, kind, required } from '../function.js';
import { RuntimeError } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import { floatValue } from '../value/markers.js';
import { numberOfValue, Tag, tagOf, type Value, wrapI64 } from '../value/value.js';

/** `mod(value, modulus)`: the remainder (an integer for integers, else a float), as Rust's `%`. */
export const mod = defineFunction({
  name: 'mod',
  parameters: [required('value', kind.INTEGER | kind.FLOAT), required('modulus', kind.INTEGER | kind.FLOAT)],
  returns: (call) => {
    const dividend = call.required('value').constant;
    const infinite = tagOf(dividend) === Tag.Float && !Number.isFinite(numberOfValue(dividend as Value));
    const modulus = call.required('modulus').constant;
    let typeDef: TypeDef;
    const tag = tagOf(modulus);
    if (modulus !== undefined && (tag === Tag.Float || tag === Tag.Integer)) {
      const number = numberOfValue(modulus);
      if (tag === Tag.Float) {
        const normal = Number.isFinite(number) && number !== 0 && Math.abs(number) >= 2.2250738585072014e-308;
        typeDef = normal ? TypeDef.float() : TypeDef.float().fallible();
      } else {
        typeDef = number !== 0 ? TypeDef.integer() : TypeDef.integer().fallible();
      }
    } else {
      typeDef = TypeDef.float().orInteger().fallible();
    }
    return infinite ? typeDef.fallible() : typeDef;
  },
  call: ([value, modulus]) => remainder(value as Value, modulus as Value),
});

function remainder(left: Value, right: Value): Value {
  const leftTag = tagOf(left);
  const rightTag = tagOf(right);
  const numeric = (tag: number): boolean => tag === Tag.Integer || tag === Tag.Float;
  if (numeric(rightTag) && numberOfValue(right) === 0) throw new RuntimeError("can't divide by zero");
  if (leftTag === Tag.Integer && rightTag === Tag.Integer) {
    if (typeof left === 'number' && typeof right === 'number') return left % right;
    return wrapI64(BigInt(left as number) % BigInt(right as number));
  }
  if (numeric(leftTag) && numeric(rightTag)) {
    const result = numberOfValue(left) % numberOfValue(right);
    if (Number.isNaN(result)) throw new RuntimeError('operation would produce NaN');
    return floatValue(result);
  }
  throw new RuntimeError(`can't calculate remainder of type ${kindName(left)} and ${kindName(right)}`);
}
