import { caseFunction } from './casing.js';

/** `pascalcase(value, original_case)`: the string in PascalCase. */
export const pascalcase = caseFunction('pascalcase', 'PascalCase');
