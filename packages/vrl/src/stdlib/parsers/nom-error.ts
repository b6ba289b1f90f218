import { rustTrimEnd, utf8Length } from './whitespace.js';

/**
 * nom's `VerboseError` and `convert_error` (nom-language), the text VRL's nom-based parsers fail
 * with: each error's position in the input, the line it is on and a caret under it.
 */

export type NomErrorKind = { nom: string } | { char: string } | { context: string };

/** One entry of a `VerboseError`: where (an index into the input) and what. */
export interface NomErrorEntry {
  at: number;
  kind: NomErrorKind;
}

/** A parse failure carrying nom's error entries, innermost first. */
export class NomError extends Error {
  constructor(readonly entries: NomErrorEntry[]) {
    super('nom error');
    this.name = 'NomError';
  }

  /** `E::append`: the enclosing parser adds its entry. */
  append(at: number, kind: string): NomError {
    this.entries.push({ at, kind: { nom: kind } });
    return this;
  }
}

export function nomError(at: number, kind: string): NomError {
  return new NomError([{ at, kind: { nom: kind } }]);
}

export function charError(at: number, expected: string): NomError {
  return new NomError([{ at, kind: { char: expected } }]);
}

/** VRL's `safe_convert_error` around nom's `convert_error`. */
export function convertError(input: string, error: NomError): string {
  const positions = error.entries.map((entry) => position(input, entry.at));
  const overflow = positions.find((entry) => entry.column >= 65535);
  if (overflow !== undefined) {
    const first = positions[0] as Position;
    return `parse error at line ${first.line}, column ${first.column} (line too long to display context)`;
  }
  let result = '';
  error.entries.forEach((entry, index) => {
    const kind = entry.kind;
    if (input === '') {
      if ('char' in kind) result += `${index}: expected '${kind.char}', got empty input\n\n`;
      else if ('context' in kind) result += `${index}: in ${kind.context}, got empty input\n\n`;
      else result += `${index}: in ${kind.nom}, got empty input\n\n`;
      return;
    }
    const { line, column, text } = positions[index] as Position;
    const caret = `${' '.repeat(Math.max(column - 1, 0))}^`;
    if ('char' in kind) {
      const actual = input.codePointAt(entry.at);
      result +=
        actual === undefined
          ? `${index}: at line ${line}:\n${text}\n${caret}\nexpected '${kind.char}', got end of input\n\n`
          : `${index}: at line ${line}:\n${text}\n${caret}\nexpected '${kind.char}', found ${String.fromCodePoint(actual)}\n\n`;
    } else if ('context' in kind) {
      result += `${index}: at line ${line}, in ${kind.context}:\n${text}\n${caret}\n\n`;
    } else {
      result += `${index}: at line ${line}, in ${kind.nom}:\n${text}\n${caret}\n\n`;
    }
  });
  return result;
}

interface Position {
  line: number;
  /** 1-based, in bytes from the line's start. */
  column: number;
  /** The line, without its end and trailing whitespace. */
  text: string;
}

function position(input: string, at: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < at; index++) {
    if (input.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  const end = input.indexOf('\n', lineStart);
  let text = input.slice(lineStart, end < 0 ? undefined : end);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  text = rustTrimEnd(text);
  return { line, column: utf8Length(input.slice(lineStart, at)) + 1, text };
}
