import { caseFunction } from './casing.js';

/** `snakecase(value, original_case, excluded_boundaries)`: the string in snake_case. */
export const snakecase = caseFunction('snakecase', 'snake_case', true);
