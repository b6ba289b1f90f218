export type { ReadOnlyPath } from './compiler/compiler.js';
export type { Severity } from './diagnostic/diagnostic.js';
export { CompileError, Diagnostic, Label } from './diagnostic/diagnostic.js';
export { formatDiagnostics } from './diagnostic/format.js';
export type {
  Argument,
  ClosureDefinition,
  ClosureInput,
  ClosureVariableKind,
  CompileCall,
  CompiledCall,
  CompiledFunctionDefinition,
  Parameter,
  QueryReference,
  RuntimeClosure,
  SimpleFunctionDefinition,
  VrlFunction,
} from './function.js';
export {
  defineFunction,
  expectArray,
  expectBoolean,
  expectInteger,
  expectObject,
  expectRegex,
  expectString,
  expectTimestamp,
  FunctionCompileError,
  kind,
  optional,
  required,
} from './function.js';
export type { CompileOptions, RunOptions, RunResult } from './program.js';
export { Program } from './program.js';
export type { Context } from './runtime/context.js';
export { fail, RuntimeError } from './runtime/errors.js';
export { standardLibrary } from './stdlib/index.js';
export { VRL_FUNCTION_NAMES } from './stdlib/vrl-function-names.js';
export { Collection, Kind } from './type/kind.js';
export { TypeDef } from './type/type-def.js';
export { displayValue, formatFloat, formatTimestamp } from './value/display.js';
export { encodeJson, JsonSyntaxError, parseJson } from './value/json.js';
export { FloatValue, floatValue, submillisecondNanosOf, Timestamp } from './value/markers.js';
export { RegexSyntaxError, VrlRegex } from './value/regex.js';
export type { ObjectValue, Value } from './value/value.js';
export { cloneValue, sortedKeys, valuesEqual } from './value/value.js';
export { compile } from './vrl.js';
