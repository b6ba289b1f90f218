import { Diagnostic, Label } from '../diagnostic/diagnostic.js';
import type { Value } from '../value/value.js';

/**
 * The ways an expression stops at runtime (VRL's `ExpressionError`). They are thrown and caught
 * by `??`, `x, err = …` and the program; they are not `Error`s on purpose: no stack trace is
 * captured, so a failing `to_int(.x) ?? 0` stays cheap on every event.
 */
export abstract class Interruption {
  abstract readonly message: string;

  toString(): string {
    return this.message;
  }
}

/** A runtime error: a failed function call, a type mismatch, a division by zero. */
export class RuntimeError extends Interruption {
  constructor(
    readonly message: string,
    readonly labels: readonly Label[] = [],
    /** The message the program's author gave (`assert`'s `message`: VRL's `UserErrorMessage` note). */
    readonly userMessage?: string,
  ) {
    super();
  }

  /** As VRL turns the error into a diagnostic (code 0, the author's message as a note). */
  diagnostic(): Diagnostic {
    const notes = this.userMessage === undefined ? [] : [this.userMessage];
    return new Diagnostic('error', 0, this.message, [...this.labels], notes);
  }
}

/** `abort`, with its optional message. */
export class Abort extends Interruption {
  readonly message: string;

  constructor(
    readonly start: number,
    readonly end: number,
    readonly userMessage: string | undefined,
  ) {
    super();
    this.message = userMessage ?? 'aborted';
  }

  /** As VRL turns the abort into a diagnostic. */
  diagnostic(): Diagnostic {
    return new Diagnostic('error', 0, this.message, [Label.primary('aborted', this.start, this.end)], []);
  }
}

/** `return value`: ends the program with that value. */
export class Return extends Interruption {
  readonly message = 'return';

  constructor(readonly value: Value) {
    super();
  }
}

/** Thrown by the stdlib with the bare message; the call site adds the function name and span. */
export function fail(message: string): never {
  throw new RuntimeError(message);
}
