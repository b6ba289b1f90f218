/**
 * VRL's diagnostics: a severity, a numeric code (`E103`), a message, labels pointing at spans of
 * the program, and notes. {@link formatDiagnostics} prints them as VRL does (codespan's layout).
 * Spans are UTF-16 offsets into the program text.
 */
export type Severity = 'error' | 'warning' | 'bug' | 'note';

export class Label {
  constructor(
    readonly message: string,
    readonly primary: boolean,
    readonly start: number,
    readonly end: number,
  ) {}

  static primary(message: string, start: number, end: number): Label {
    return new Label(message, true, start, end);
  }

  static context(message: string, start: number, end: number): Label {
    return new Label(message, false, start, end);
  }

  withSpan(start: number, end: number): Label {
    return new Label(this.message, this.primary, start, end);
  }
}

const DOCS = 'https://vrl.dev';
const ERROR_DOCS = 'https://errors.vrl.dev';
const FUNCTION_DOCS = 'https://functions.vrl.dev';

/** A note under a diagnostic; the constants are VRL's standard ones. */
export const Note = {
  hint: (text: string): string => `hint: ${text}`,
  example: (text: string): string => `example: ${text}`,
  coerceValue: 'hint: coerce the value to the required type using a coercion function',
  seeErrorDocs: `see documentation about error handling at ${ERROR_DOCS}/#handling`,
  seeCodeDocs: (code: number): string => `learn more about error code ${code} at ${ERROR_DOCS}/${code}`,
  seeLanguageDocs: `see language documentation at ${DOCS}`,
  seeFunctionCharacteristics: `see functions characteristics documentation at ${DOCS}/expressions/#function-call-characteristics`,
  seeRepl: `try your code in the VRL REPL, learn more at ${DOCS}/examples`,
  seeDocs: (subject: string, url: string): string => `see documentation about ${subject} at ${url}`,
  expressionDocs: (anchor: string): string => `${DOCS}/expressions/${anchor}`,
  functionDocs: (anchor: string): string => `${FUNCTION_DOCS}/${anchor}`,
  /** VRL's "try: …" block: a title, a blank line, the indented lines, a blank line. */
  solution: (title: string, lines: string[]): string[] => [
    `try: ${title}`,
    ' ',
    ...lines.map((line) => `    ${line}`),
    ' ',
  ],
} as const;

export class Diagnostic {
  constructor(
    readonly severity: Severity,
    readonly code: number,
    readonly message: string,
    readonly labels: Label[],
    readonly notes: string[],
    /** Set when the program calls a VRL function this implementation does not provide (yet). */
    readonly unsupportedFunction?: string,
  ) {}

  get isError(): boolean {
    return this.severity === 'error' || this.severity === 'bug';
  }

  /** The notes VRL adds to every diagnostic when it prints it. */
  printedNotes(): string[] {
    const notes = [...this.notes];
    if (this.code >= 100 && this.code <= 110) notes.push(Note.seeCodeDocs(this.code));
    notes.push(Note.seeLanguageDocs, Note.seeRepl);
    return notes;
  }
}

/** The error a compilation fails with: every diagnostic, and the program text they point into. */
export class CompileError extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly source: string,
    formatted: string,
  ) {
    super(formatted);
    this.name = 'VrlCompileError';
  }
}
