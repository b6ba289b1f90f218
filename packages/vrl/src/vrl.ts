import { type CompileOptions, compile as compileProgram, type Program } from './program.js';
import { standardLibrary } from './stdlib/index.js';
import { VRL_FUNCTION_NAMES } from './stdlib/vrl-function-names.js';

/** Compiles a VRL program with the standard library (unless `options.functions` says otherwise). */
export function compile(source: string, options: CompileOptions = {}): Program {
  return compileProgram(source, {
    ...options,
    functions: options.functions ?? standardLibrary,
    knownFunctionNames: options.knownFunctionNames ?? VRL_FUNCTION_NAMES,
  });
}
