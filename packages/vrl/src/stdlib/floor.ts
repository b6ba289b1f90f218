import { roundingFunction } from './rounding.js';

/** `floor(value, precision: 0)`: a float rounded down at `precision` decimal places; integers unchanged. */
export const floor = roundingFunction('floor', Math.floor);
