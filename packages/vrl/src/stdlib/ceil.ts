import { roundingFunction } from './rounding.js';

/** `ceil(value, precision: 0)`: a float rounded up at `precision` decimal places; integers unchanged. */
export const ceil = roundingFunction('ceil', Math.ceil);
