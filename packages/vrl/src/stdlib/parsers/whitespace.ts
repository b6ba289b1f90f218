/**
 * Rust's `char::is_whitespace` (Unicode White_Space) and the trims built on it. JavaScript's
 * `\s` and `trim()` differ: they include U+FEFF and leave out U+0085.
 */
export function isRustWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** The index of the first character at or after `from` that is not whitespace (`trim_start`). */
export function skipWhitespace(text: string, from = 0): number {
  let index = from;
  while (index < text.length && isRustWhitespace(text.charCodeAt(index))) index++;
  return index;
}

/** Rust's `str::trim`. */
export function rustTrim(text: string): string {
  return rustTrimEnd(text.slice(skipWhitespace(text)));
}

/** Rust's `str::trim_end`. */
export function rustTrimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isRustWhitespace(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

/** The UTF-8 length of `text` from `from` (Rust's `str::len`), counted no further than `limit`. */
export function utf8Length(text: string, from = 0, limit = Number.POSITIVE_INFINITY): number {
  let length = 0;
  for (let index = from; index < text.length && length < limit; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      length += 4;
      index++;
    } else length += 3;
  }
  return length;
}
