import type { VrlFunction } from '../function.js';
import { upcase } from './upcase.js';

/** The functions of VRL's standard library this package implements. */
export const standardLibrary: readonly VrlFunction[] = [upcase];
