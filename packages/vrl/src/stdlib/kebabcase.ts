import { caseFunction } from './casing.js';

/** `kebabcase(value, original_case)`: the string in kebab-case. */
export const kebabcase = caseFunction('kebabcase', 'kebab-case');
