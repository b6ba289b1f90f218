import type { RunOptions } from '../program.js';
import type { Value } from '../value/value.js';
import { compile } from '../vrl.js';
import { toJsonValue } from './suite.js';

/** The outcome of running a program: its value as JSON (timestamps as RFC 3339), or its error message. */
export type Outcome = { value: Value } | { error: string };

/** Compiles and runs a program over an event (an empty object by default), as tests of functions need. */
export function evaluate(source: string, event: Value = {}, options: RunOptions = {}): Outcome {
  const result = compile(source).run(event, { timezone: 'UTC', ...options });
  return result.status === 'ok' ? { value: toJsonValue(result.value) } : { error: result.message };
}

/** The message of a failed function call without VRL's `function call error for "f" at (a:b): ` prefix. */
export function callError(source: string, event: Value = {}, options: RunOptions = {}): string | undefined {
  const outcome = evaluate(source, event, options);
  return 'error' in outcome ? withoutCallPrefix(outcome.error) : undefined;
}

/** A runtime error's message without VRL's `function call error for "f" at (a:b): ` prefix. */
export function withoutCallPrefix(message: string): string {
  return message.replace(/^function call error for "[^"]+" at \(\d+:\d+\): /, '');
}
