import { expect } from 'vitest';
import { CompileError } from '../diagnostic/diagnostic.js';
import type { Value } from '../value/value.js';
import { compile } from '../vrl.js';

/** Runs a program on an event and gives its value (failing the test on an error or abort). */
export function evaluate(source: string, event: Value = {}): Value {
  const result = compile(source).run(event);
  if (result.status !== 'ok') throw new Error(`${result.status}: ${result.message}`);
  return result.value;
}

/** Runs a program that must fail at runtime and gives its error message. */
export function runtimeError(source: string, event: Value = {}): string {
  const result = compile(source).run(event);
  expect(result.status).toBe('error');
  return result.status === 'error' ? result.message : '';
}

/** Compiles a program that VRL refuses and gives the diagnostics as VRL prints them. */
export function compileError(source: string): string {
  try {
    compile(source);
  } catch (error) {
    if (error instanceof CompileError) return error.message;
    throw error;
  }
  throw new Error(`compiled: ${source}`);
}
