import type { Diagnostic } from '../diagnostic/diagnostic.js';
import type { Segment } from '../type/kind.js';

/** A span of the program text: UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type Literal =
  | { type: 'string'; segments: TemplateSegment[] }
  | { type: 'raw string'; value: string }
  | { type: 'integer'; value: number | bigint }
  | { type: 'float'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | { type: 'regex'; pattern: string }
  | { type: 'timestamp'; text: string };

/** A piece of a `"…"` string: text, or a `{{ variable }}` template. */
export type TemplateSegment =
  | { type: 'text'; value: string; span: Span }
  | { type: 'template'; name: string; span: Span };

export type Opcode = '*' | '/' | '+' | '-' | '|' | '||' | '&&' | '??' | '!=' | '==' | '>=' | '>' | '<=' | '<';

export type QueryTarget =
  | { type: 'internal'; name: string }
  | { type: 'external'; prefix: 'event' | 'metadata' }
  | { type: 'call'; call: FunctionCall }
  | { type: 'container'; container: Container };

export interface Query {
  target: QueryTarget;
  targetSpan: Span;
  path: Segment[];
  pathSpan: Span;
}

export type Container =
  | { type: 'group'; expression: Expression }
  | { type: 'block'; expressions: Expression[]; span: Span }
  | { type: 'array'; items: Expression[] }
  | { type: 'object'; entries: ObjectEntry[] };

export interface ObjectEntry {
  key: string;
  keySpan: Span;
  value: Expression;
}

export interface FunctionArgument {
  keyword: { name: string; span: Span } | undefined;
  value: Expression;
  span: Span;
}

export interface FunctionCall {
  name: string;
  nameSpan: Span;
  abortOnError: boolean;
  arguments: FunctionArgument[];
  closure: Closure | undefined;
}

export interface Closure {
  variables: { name: string; span: Span }[];
  variablesSpan: Span;
  block: { expressions: Expression[]; span: Span };
  span: Span;
}

export type AssignmentTarget =
  | { type: 'noop'; span: Span }
  | { type: 'query'; query: Query; span: Span }
  | { type: 'internal'; name: string; span: Span };

export type Assignment =
  | { type: 'single'; target: AssignmentTarget; operator: '=' | '|='; value: Expression }
  | {
      type: 'infallible';
      ok: AssignmentTarget;
      error: AssignmentTarget;
      operator: '=' | '|=';
      value: Expression;
    };

export type Predicate = { type: 'one'; expression: Expression } | { type: 'many'; expressions: Expression[] };

export interface IfStatement {
  predicate: Predicate;
  predicateSpan: Span;
  consequent: { expressions: Expression[]; span: Span };
  alternative: { expressions: Expression[]; span: Span } | undefined;
}

export type Expression = Span &
  (
    | { type: 'literal'; literal: Literal }
    | { type: 'container'; container: Container }
    | { type: 'if'; statement: IfStatement }
    | { type: 'op'; left: Expression; operator: Opcode; operatorSpan: Span; right: Expression }
    | { type: 'assignment'; assignment: Assignment }
    | { type: 'query'; query: Query }
    | { type: 'call'; call: FunctionCall }
    | { type: 'variable'; name: string }
    | { type: 'not'; bangSpan: Span; operand: Expression }
    | { type: 'abort'; message: Expression | undefined }
    | { type: 'return'; value: Expression }
  );

/** A top-level expression, or the syntax error that replaced it (parsing goes on after one). */
export type RootExpression =
  | { type: 'expression'; expression: Expression }
  | { type: 'error'; diagnostic: Diagnostic };

export interface Program {
  expressions: RootExpression[];
}
