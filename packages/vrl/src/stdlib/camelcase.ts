import { caseFunction } from './casing.js';

/** `camelcase(value, original_case)`: the string in camelCase. */
export const camelcase = caseFunction('camelcase', 'camelCase');
