import { type CompileCall, defineFunction, kind, optional, required, type VrlFunction } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { floatValue } from '../value/markers.js';
import { numberOfValue, Tag, tagOf, type Value } from '../value/value.js';

/** Shared by `abs`, `ceil`, `floor`, `round` and `haversine`: Rust's float rounding and VRL's types. */

/** Rust's `f64::round`: halves away from zero. */
export function roundHalfAwayFromZero(number: number): number {
  return Math.sign(number) * Math.round(Math.abs(number));
}

/** VRL's `round_to_precision`: scaled by 10^precision, rounded, scaled back. */
export function roundToPrecision(
  number: number,
  precision: number,
  round: (value: number) => number,
): number {
  const multiplier = 10 ** precision;
  return round(number * multiplier) / multiplier;
}

/** `Value::from_f64_or_zero`: NaN becomes 0.0. */
export function floatOrZero(number: number): Value {
  return floatValue(Number.isNaN(number) ? 0 : number);
}

/** The argument's own kind when it is exactly an integer or a float, else either. */
export function numberTypeDef(call: CompileCall): TypeDef {
  const kind = call.required('value').typeDef.kind;
  return kind.isFloat() || kind.isInteger() ? TypeDef.of(kind.clone()) : TypeDef.integer().orFloat();
}

/** `ceil`, `floor`, `round`: integers as they are, floats rounded at `precision` decimal places. */
export function roundingFunction(name: string, round: (value: number) => number): VrlFunction {
  return defineFunction({
    name,
    parameters: [required('value', kind.INTEGER | kind.FLOAT), optional('precision', kind.INTEGER, 0)],
    returns: numberTypeDef,
    call: ([value, precision]) => {
      if (tagOf(value) === Tag.Integer) return value as Value;
      return floatOrZero(roundToPrecision(numberOfValue(value as Value), Number(precision), round));
    },
  });
}
