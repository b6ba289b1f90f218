import type { Segment } from '../type/kind.js';

/** A path of text that VRL's path parser refuses (`PathParseError::InvalidPathSyntax`). */
export class PathSyntaxError extends Error {
  constructor(readonly path: string) {
    super(`Invalid field path ${JSON.stringify(path)}`);
    this.name = 'PathSyntaxError';
  }
}

/** A path of text with its target: the event (`.a`, `a`) or the metadata (`%a`). */
export interface TargetPath {
  prefix: 'event' | 'metadata';
  path: Segment[];
}

const FIELD_CHARACTER = /[A-Za-z0-9_@-]/;

/**
 * VRL's `parse_value_path` (the hand-written state machine of `path/jit.rs`): `a.b[0]`, an
 * optional leading `.`, `"quoted fields"` with `\"` and `\\` escapes, negative indexes. What
 * Vector uses for the paths of config keys (unit tests' `log_fields`).
 */
export function parseValuePath(text: string): Segment[] {
  const segments: Segment[] = [];
  const fail = (): never => {
    throw new PathSyntaxError(text);
  };
  // The states of the machine: what may come next.
  let state: 'start' | 'root' | 'continue' | 'dot' = 'start';
  let index = 0;
  if (text.length === 0) fail();
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '.' && (state === 'start' || state === 'continue')) {
      state = state === 'start' ? 'root' : 'dot';
      index += 1;
    } else if (FIELD_CHARACTER.test(character)) {
      const start = index;
      while (index < text.length && FIELD_CHARACTER.test(text[index] as string)) index += 1;
      segments.push({ field: text.slice(start, index) });
      // After a field: a `.`, a `[` or the end.
      if (index < text.length && text[index] !== '.' && text[index] !== '[') fail();
      if (text[index] === '.') {
        index += 1;
        state = 'dot';
        if (index === text.length) fail();
      } else {
        state = 'continue';
      }
    } else if (character === '"') {
      let field = '';
      index += 1;
      for (;;) {
        const next = text[index];
        if (next === undefined) fail();
        if (next === '"') break;
        if (next === '\\') {
          const escaped = text[index + 1];
          if (escaped !== '\\' && escaped !== '"') fail();
          field += escaped;
          index += 2;
        } else {
          field += next;
          index += 1;
        }
      }
      index += 1;
      segments.push({ field });
      state = 'continue';
    } else if (character === '[' && state !== 'dot') {
      // As the machine: digits, or `-` and digits (`[-]` is index 0).
      const match = /^\[(?:(\d+)|-(\d*))\]/.exec(text.slice(index));
      if (match === null) return fail();
      segments.push({ index: match[1] !== undefined ? Number(match[1]) : -Number(match[2]) || 0 });
      index += match[0].length;
      state = 'continue';
    } else {
      fail();
    }
  }
  if (state === 'dot') fail();
  return segments;
}

/** VRL's `parse_target_path`: `%a.b` is a metadata path, anything else an event path. */
export function parseTargetPath(text: string): TargetPath {
  return text.startsWith('%')
    ? { prefix: 'metadata', path: parseValuePath(text.slice(1)) }
    : { prefix: 'event', path: parseValuePath(text) };
}
