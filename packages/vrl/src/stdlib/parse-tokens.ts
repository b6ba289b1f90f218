import { defineFunction, kind, required } from '../function.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';

/**
 * The end of a delimited token's content (nom's `escaped(is_not("<close>\\"), '\\', one_of("<close>\\"))`
 * after the opening delimiter), or -1 when an escape is not `\<close>` or `\\` (the token then
 * reads as empty, which only matches when the closing delimiter follows at once).
 */
function escapedEnd(text: string, from: number, close: string): number {
  let index = from;
  while (index < text.length) {
    const character = text[index];
    if (character === close) return index;
    if (character === '\\') {
      const next = text[index + 1];
      if (next !== close && next !== '\\') return -1;
      index += 2;
      continue;
    }
    index++;
  }
  return index;
}

/** A `"…"` or `[…]` token starting at `at`: its content and end, or undefined. */
function delimited(text: string, at: number, open: string, close: string): [string, number] | undefined {
  if (text[at] !== open) return undefined;
  const end = escapedEnd(text, at + 1, close);
  const contentEnd = end < 0 ? at + 1 : end;
  if (text[contentEnd] !== close) return undefined;
  return [text.slice(at + 1, contentEnd), contentEnd + 1];
}

/** VRL's `tokenize::parse`: words, `"quoted"` and `[bracketed]` tokens; what it cannot read is one last token. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < text.length) {
    let token = delimited(text, index, '[', ']') ?? delimited(text, index, '"', '"');
    if (token === undefined) {
      let end = index;
      while (end < text.length && !' \t["'.includes(text[end] as string)) end++;
      token = end > index ? [text.slice(index, end), end] : [text.slice(index), text.length];
    }
    tokens.push(token[0]);
    index = token[1];
    while (text[index] === ' ' || text[index] === '\t') index++;
  }
  return tokens;
}

/** `parse_tokens(value)`: the words, quoted and bracketed strings of a line (`-` and empty ones as null). */
export const parseTokens = defineFunction({
  name: 'parse_tokens',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.array(Collection.fromUnknown(Kind.bytes())),
  freshResult: true,
  call: ([value]) => tokenize(value as string).map((token) => (token === '' || token === '-' ? null : token)),
});
