import { caseFunction } from './casing.js';

/** `screamingsnakecase(value, original_case)`: the string in SCREAMING_SNAKE. */
export const screamingsnakecase = caseFunction('screamingsnakecase', 'SCREAMING_SNAKE');
