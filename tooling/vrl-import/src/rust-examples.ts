/**
 * Reads the examples of VRL's stdlib functions out of their Rust sources: every `example! { … }`
 * block (and the closure inputs' ones), with the Rust string literal forms they use (`"…"`,
 * `r#"…"#`, `indoc! {…}`). An example whose source or result is computed at run time (a constant,
 * `format!`) cannot be read statically: it is reported, not guessed.
 */

export interface FunctionExample {
  /** The function's identifier (`parse_json`); `name (closure)` for a closure input's example. */
  function: string;
  title: string;
  source: string;
  /** The event (JSON) the example runs on, when it has one. */
  input?: string;
  /** `Ok("…")` (the expected value, JSON or a bare string) or `Err("…")` (the error message). */
  result: { ok: string } | { error: string };
  /** False when the result varies (`now()`): only its type is compared. */
  deterministic: boolean;
  /** True when VRL only compiles the example (it needs the network or similar). */
  skip: boolean;
  /** Where the example is, in the VRL repository. */
  file: string;
  line: number;
}

export interface SkippedExample {
  file: string;
  line: number;
  reason: string;
}

/** The examples of one Rust source file of VRL's stdlib. */
export function examplesOfFile(
  file: string,
  text: string,
): { examples: FunctionExample[]; skipped: SkippedExample[]; identifier: string | undefined } {
  const identifier = /fn identifier\(&self\) -> &'static str \{\s*"([^"]+)"/.exec(text)?.[1];
  const examples: FunctionExample[] = [];
  const skipped: SkippedExample[] = [];
  if (identifier === undefined) return { examples, skipped, identifier };
  const closureStart = text.search(/fn closure\(&self\)/);
  const closureEnd = closureStart < 0 ? -1 : text.indexOf('\n    }\n', closureStart);
  const pattern = /example!\s*[({]/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const open = match.index + match[0].length - 1;
    const line = text.slice(0, match.index).split('\n').length;
    const inClosure = closureStart >= 0 && match.index > closureStart && match.index < closureEnd;
    try {
      const close = matchingBracket(text, open);
      const fields = parseFields(text.slice(open + 1, close));
      const example: FunctionExample = {
        function: inClosure ? `${identifier} (closure)` : identifier,
        title: stringField(fields, 'title'),
        source: stringField(fields, 'source'),
        result: resultField(fields),
        deterministic: fields.get('deterministic') !== 'false',
        skip: fields.get('skip') === 'true',
        file,
        line,
      };
      if (fields.has('input')) example.input = stringField(fields, 'input');
      examples.push(example);
    } catch (error) {
      skipped.push({ file, line, reason: (error as Error).message });
    }
  }
  return { examples, skipped, identifier };
}

function matchingBracket(text: string, open: number): number {
  const closing = text[open] === '(' ? ')' : '}';
  const opening = text[open] as string;
  let depth = 0;
  let index = open;
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '"' || (character === 'r' && /^r#*"/.test(text.slice(index, index + 10)))) {
      index = readRustString(text, index).end;
      continue;
    }
    if (character === opening) depth++;
    else if (character === closing) {
      depth--;
      if (depth === 0) return index;
    }
    index++;
  }
  throw new Error('unbalanced example! block');
}

/** Splits `title: …, source: …` at top-level commas into raw field expressions. */
function parseFields(rawBody: string): Map<string, string> {
  const body = withoutComments(rawBody);
  const fields = new Map<string, string>();
  let index = 0;
  while (index < body.length) {
    const name = /^\s*([a-z_]+)\s*:/.exec(body.slice(index));
    if (name === null) break;
    index += name[0].length;
    let depth = 0;
    const start = index;
    while (index < body.length) {
      const character = body[index] as string;
      if (character === '"' || (character === 'r' && /^r#*"/.test(body.slice(index, index + 10)))) {
        index = readRustString(body, index).end;
        continue;
      }
      if (character === '(' || character === '{' || character === '[') depth++;
      else if (character === ')' || character === '}' || character === ']') depth--;
      else if (character === ',' && depth === 0) break;
      index++;
    }
    fields.set(name[1] as string, body.slice(start, index).trim());
    index++;
  }
  return fields;
}

/** Drops `// …` comments (outside string literals). */
function withoutComments(text: string): string {
  let output = '';
  let index = 0;
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '"' || (character === 'r' && /^r#*"/.test(text.slice(index, index + 10)))) {
      const end = readRustString(text, index).end;
      output += text.slice(index, end);
      index = end;
    } else if (character === '/' && text[index + 1] === '/') {
      while (index < text.length && text[index] !== '\n') index++;
    } else {
      output += character;
      index++;
    }
  }
  return output;
}

function stringField(fields: Map<string, string>, name: string): string {
  const expression = fields.get(name);
  if (expression === undefined) throw new Error(`no ${name}`);
  return evaluateString(expression);
}

function resultField(fields: Map<string, string>): FunctionExample['result'] {
  const expression = fields.get('result');
  if (expression === undefined) throw new Error('no result');
  const match = /^(Ok|Err)\s*\(([\s\S]*?),?\s*\)$/.exec(expression);
  if (match === null) throw new Error(`result is not Ok(…)/Err(…): ${expression.slice(0, 40)}`);
  const value = evaluateString(match[2] as string);
  return match[1] === 'Ok' ? { ok: value } : { error: value };
}

/** The value of a string expression: a literal, or `indoc!` of one. */
export function evaluateString(expression: string): string {
  const trimmed = expression.trim();
  const indoc = /^indoc!\s*[({]([\s\S]*)[)}]$/.exec(trimmed);
  if (indoc !== null) return unindent(evaluateString((indoc[1] as string).trim().replace(/,$/, '')));
  if (trimmed.startsWith('"') || /^r#*"/.test(trimmed)) {
    const { value, end } = readRustString(trimmed, 0);
    if (trimmed.slice(end).trim() !== '') throw new Error(`not a plain string: ${trimmed.slice(0, 40)}`);
    return value;
  }
  throw new Error(`computed value: ${trimmed.slice(0, 40)}`);
}

/** Reads a Rust string literal (`"…"` with escapes, or `r#"…"#`) at `start`. */
export function readRustString(text: string, start: number): { value: string; end: number } {
  if (text[start] === 'r') {
    const hashes = /^r(#*)"/.exec(text.slice(start))?.[1] ?? '';
    const open = start + 2 + hashes.length;
    const close = text.indexOf(`"${hashes}`, open);
    if (close < 0) throw new Error('unterminated raw string');
    return { value: text.slice(open, close), end: close + 1 + hashes.length };
  }
  let value = '';
  let index = start + 1;
  while (index < text.length) {
    const character = text[index] as string;
    if (character === '"') return { value, end: index + 1 };
    if (character !== '\\') {
      value += character;
      index++;
      continue;
    }
    const escaped = text[index + 1] as string;
    index += 2;
    switch (escaped) {
      case 'n':
        value += '\n';
        break;
      case 't':
        value += '\t';
        break;
      case 'r':
        value += '\r';
        break;
      case '0':
        value += '\0';
        break;
      case '\n':
        while (/\s/.test(text[index] ?? '')) index++;
        break;
      case 'x':
        value += String.fromCharCode(Number.parseInt(text.slice(index, index + 2), 16));
        index += 2;
        break;
      case 'u': {
        const close = text.indexOf('}', index);
        value += String.fromCodePoint(Number.parseInt(text.slice(index + 1, close), 16));
        index = close + 1;
        break;
      }
      default:
        value += escaped;
    }
  }
  throw new Error('unterminated string');
}

/** The `indoc!` macro: drops a leading newline and the common indentation. */
export function unindent(text: string): string {
  const lines = text.split('\n');
  const ignoreFirst = lines[0] === '';
  const counted = lines.filter((line, index) => !(index === 0 && !ignoreFirst) && line.trim() !== '');
  const indentation = Math.min(
    ...counted.map((line) => line.length - line.trimStart().length),
    Number.MAX_SAFE_INTEGER,
  );
  const result = lines.map((line, index) => {
    if (index === 0 && !ignoreFirst) return line;
    if (line.trim() === '') return '';
    return line.slice(indentation === Number.MAX_SAFE_INTEGER ? 0 : indentation);
  });
  if (ignoreFirst) result.shift();
  return result.join('\n');
}
