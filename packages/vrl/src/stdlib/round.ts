import { roundHalfAwayFromZero, roundingFunction } from './rounding.js';

/** `round(value, precision: 0)`: a float rounded (halves away from zero) at `precision` decimal places; integers unchanged. */
export const round = roundingFunction('round', roundHalfAwayFromZero);
