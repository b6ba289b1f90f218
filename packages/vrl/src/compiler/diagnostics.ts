import { Diagnostic, Label, Note } from '../diagnostic/diagnostic.js';
import type { Parameter } from '../function.js';
import { kindOfFlags } from '../function.js';
import type { Span } from '../parser/ast.js';
import type { Kind } from '../type/kind.js';

/** VRL's compile-time diagnostics, each with its code, wording, labels and notes. */

const error = (code: number, message: string, labels: Label[], notes: string[] = []): Diagnostic =>
  new Diagnostic('error', code, message, labels, notes);

/** The Damerau–Levenshtein distance VRL uses for "did you mean" (`levenstein.rs`). */
export function editDistance(word: string, other: string): number {
  const a = [...word];
  const b = [...other];
  const m = a.length + 1;
  const n = b.length + 1;
  const matrix = new Array<number>(m * n).fill(0);
  const at = (column: number, row: number): number => row * m + column;
  for (let column = 1; column < m; column++) matrix[at(column, 0)] = column;
  for (let row = 1; row < n; row++) matrix[at(0, row)] = row;
  for (let row = 1; row < n; row++) {
    for (let column = 1; column < m; column++) {
      const cost = a[column - 1] === b[row - 1] ? 0 : 1;
      let value = Math.min(
        (matrix[at(column - 1, row)] as number) + 1,
        (matrix[at(column, row - 1)] as number) + 1,
        (matrix[at(column - 1, row - 1)] as number) + cost,
      );
      if (row > 1 && column > 1 && a[column - 1] === b[row - 2] && a[column - 2] === b[row - 1]) {
        value = Math.min(value, (matrix[at(column - 2, row - 2)] as number) + 1);
      }
      matrix[at(column, row)] = value;
    }
  }
  return matrix[matrix.length - 1] as number;
}

/** The first of the closest candidates (Rust's `min_by_key` keeps the first minimum). */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const score = editDistance(word, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

export function fallibleExpression(span: Span): Diagnostic {
  return error(
    100,
    'unhandled error',
    [
      Label.primary('expression can result in runtime error', span.start, span.end),
      Label.context('handle the error case to ensure runtime success', span.start, span.end),
    ],
    [Note.seeErrorDocs],
  );
}

export function undefinedVariable(name: string, span: Span, known: readonly string[]): Diagnostic {
  const labels = [Label.primary('undefined variable', span.start, span.end)];
  const guess = closest(name, [...known, 'null', 'true', 'false']);
  if (guess !== undefined) labels.push(Label.context(`did you mean "${guess}"?`, span.start, span.end));
  return error(701, 'call to undefined variable', labels);
}

export function undefinedFunction(name: string, span: Span, known: readonly string[]): Diagnostic {
  const labels = [Label.primary('undefined function', span.start, span.end)];
  const guess = closest(name, known);
  if (guess !== undefined) labels.push(Label.context(`did you mean "${guess}"?`, span.start, span.end));
  return error(105, 'call to undefined function', labels);
}

/** A VRL function this implementation does not provide (yet): refused by name. */
export function unsupportedFunction(name: string, span: Span): Diagnostic {
  return new Diagnostic(
    'error',
    105,
    'call to unsupported function',
    [
      Label.primary('this VRL function is not available in Sluice', span.start, span.end),
      Label.context(
        `"${name}" is part of VRL's standard library but not implemented here`,
        span.start,
        span.end,
      ),
    ],
    [],
    name,
  );
}

function kindPhrase(kind: Kind): string {
  if (kind.isAny()) return kind.toString();
  if (kind.isExact()) return `the exact type ${kind}`;
  return `one of ${kind}`;
}

/** What an E110 (and the E103 built on it) needs to know about the argument. */
export interface InvalidArgumentContext {
  functionName: string;
  abortOnError: boolean;
  argumentsText: string[];
  parameter: Parameter;
  got: Kind;
  argumentText: string;
  expressionSpan: Span;
  argumentSpan: Span;
}

export function invalidArgumentKind(context: InvalidArgumentContext): Diagnostic {
  const expected = kindOfFlags(context.parameter.kind);
  const labels = [
    Label.primary(
      `this expression resolves to ${kindPhrase(context.got)}`,
      context.expressionSpan.start,
      context.expressionSpan.end,
    ),
    Label.context(
      `but the parameter "${context.parameter.keyword}" expects ${kindPhrase(expected)}`,
      context.argumentSpan.start,
      context.argumentSpan.end,
    ),
  ];
  const argument = context.argumentText;
  const guards: [() => boolean, string, string | undefined][] = [
    [() => expected.isBytes(), `string!(${argument})`, `to_string(${argument}) ?? "default"`],
    [() => expected.isInteger(), `int!(${argument})`, `to_int(${argument}) ?? 0`],
    [() => expected.isFloat(), `float!(${argument})`, `to_float(${argument}) ?? 0`],
    [() => expected.isBoolean(), `bool!(${argument})`, `to_bool(${argument}) ?? false`],
    [() => expected.isObject(), `object!(${argument})`, undefined],
    [() => expected.isArray(), `array!(${argument})`, undefined],
    [() => expected.isTimestamp(), `timestamp!(${argument})`, `to_unix_timestamp(${argument}) ?? now()`],
  ];
  const guard = guards.find(([applies]) => applies());
  const notes: string[] = [];
  if (guard !== undefined) {
    const call = `${context.functionName}${context.abortOnError ? '!' : ''}(${context.argumentsText.join(', ')})`;
    notes.push(
      ...Note.solution('ensuring an appropriate type at runtime', [`${argument} = ${guard[1]}`, call]),
    );
    if (guard[2] !== undefined) {
      notes.push(
        ...Note.solution(
          'coercing to an appropriate type and specifying a default value as a fallback in case coercion fails',
          [`${argument} = ${guard[2]}`, call],
        ),
      );
    }
    notes.push(Note.seeErrorDocs);
  }
  return error(110, 'invalid argument type', labels, notes);
}

/** A fallibility not handled yet: reported at the end of its root expression unless something handles it. */
export type PendingFallibility =
  | { type: 'expression'; span: Span }
  | { type: 'invalid argument'; context: InvalidArgumentContext };

export function pendingDiagnostic(pending: PendingFallibility): Diagnostic {
  return pending.type === 'expression'
    ? fallibleExpression(pending.span)
    : invalidArgumentKind(pending.context);
}

export function expectedKindText(parameter: Parameter): string {
  return kindOfFlags(parameter.kind).toString();
}
