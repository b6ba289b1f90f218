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
export type { CompileOptions, ProgramDetails, RunOptions, RunResult, RunStatus } from './program.js';
export { Program, ProgramRunner } from './program.js';
export type { Context } from './runtime/context.js';
export { Abort, fail, RuntimeError } from './runtime/errors.js';
export { getPath, insertPath } from './runtime/path.js';
export { standardLibrary } from './stdlib/index.js';
export { isTimeZone } from './stdlib/time.js';
export { VRL_FUNCTION_NAMES } from './stdlib/vrl-function-names.js';
export type { Segment } from './type/kind.js';
export { Collection, Kind } from './type/kind.js';
export { TypeDef } from './type/type-def.js';
export { displayValue, formatFloat, formatTimestamp } from './value/display.js';
export { encodeJson, JsonSyntaxError, parseJson } from './value/json.js';
export { FloatValue, floatValue, submillisecondNanosOf, Timestamp } from './value/markers.js';
export type { TargetPath } from './value/path-text.js';
export { PathSyntaxError, parseTargetPath, parseValuePath } from './value/path-text.js';
export { RegexSyntaxError, VrlRegex } from './value/regex.js';
export type { ObjectValue, Value } from './value/value.js';
export { cloneValue, sortedKeys, valuesEqual } from './value/value.js';
export { compile } from './vrl.js';
