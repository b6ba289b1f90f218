import { defineFunction, kind, required } from '../function.js';
import { TypeDef } from '../type/type-def.js';
import { bytesToText, textToBytes, validSequenceLength } from './raw-bytes.js';

/**
 * `strip_ansi_escape_codes(value)`: the text without ANSI escape sequences, as the
 * `strip-ansi-escapes` crate leaves it: the printable characters and line feeds that `vte`'s
 * parser (0.14) finds outside escape sequences. Other control characters (tabs included) go too.
 */
export const stripAnsiEscapeCodes = defineFunction({
  name: 'strip_ansi_escape_codes',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.bytes(),
  call: ([value]) => stripAnsi(value as string),
});

// Nothing to strip: no ESC, no C0 control but line feed, no C1 control, no lone surrogate.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const PLAIN = /^[^\x00-\x09\x0b-\x1f\x80-\x9f\ud800-\udfff]*$/;

const State = {
  Ground: 0,
  Escape: 1,
  EscapeIntermediate: 2,
  CsiEntry: 3,
  CsiParam: 4,
  CsiIntermediate: 5,
  CsiIgnore: 6,
  DcsEntry: 7,
  DcsParam: 8,
  DcsIntermediate: 9,
  DcsPassthrough: 10,
  DcsIgnore: 11,
  OscString: 12,
  SosPmApcString: 13,
} as const;
type State = (typeof State)[keyof typeof State];

const REPLACEMENT = [0xef, 0xbf, 0xbd];

export function stripAnsi(text: string): string {
  if (PLAIN.test(text)) return text;
  const bytes = textToBytes(text);
  const output: number[] = [];
  let state: State = State.Ground;
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] as number;
    if (state === State.Ground) {
      index = ground(bytes, index, output);
      if (index < bytes.length && bytes[index] === 0x1b) {
        state = State.Escape;
        index++;
      }
      continue;
    }
    state = advance(state, byte, output);
    index++;
  }
  return bytesToText(Uint8Array.from(output));
}

/** What the parser does in the ground state up to the next ESC: prints characters, executes controls. */
function ground(bytes: Uint8Array, from: number, output: number[]): number {
  let index = from;
  while (index < bytes.length) {
    const byte = bytes[index] as number;
    if (byte === 0x1b) return index;
    if (byte < 0x80) {
      if (byte >= 0x20 || byte === 0x0a) output.push(byte);
      index++;
      continue;
    }
    const length = validSequenceLength(bytes, index);
    if (length > 0) {
      // U+0080–U+009F (C1 controls) are executed, not printed.
      const c1 = byte === 0xc2 && (bytes[index + 1] as number) <= 0x9f;
      if (!c1) for (let offset = 0; offset < length; offset++) output.push(bytes[index + offset] as number);
      index += length;
      continue;
    }
    // Invalid UTF-8: Rust's `from_utf8` error, over the bytes up to the next ESC.
    const invalid = invalidLength(bytes, index);
    const end = index + invalid;
    if (end >= bytes.length || bytes[end] === 0x1b) {
      // Cut off by an ESC: a replacement character; cut off by the end of the input: dropped.
      if (end < bytes.length) output.push(...REPLACEMENT);
      return end;
    }
    if (invalid === 1 && byte <= 0x9f) {
      // A C1 control byte is executed.
    } else {
      output.push(...REPLACEMENT);
    }
    index = end;
  }
  return index;
}

/** The length of the longest prefix of a UTF-8 sequence starting at `index` (Rust's `error_len`, at least 1). */
function invalidLength(bytes: Uint8Array, index: number): number {
  const lead = bytes[index] as number;
  let expected: number;
  if (lead >= 0xc2 && lead <= 0xdf) expected = 2;
  else if (lead >= 0xe0 && lead <= 0xef) expected = 3;
  else if (lead >= 0xf0 && lead <= 0xf4) expected = 4;
  else return 1;
  let length = 1;
  while (length < expected && index + length < bytes.length) {
    const next = bytes[index + length] as number;
    let low = 0x80;
    let high = 0xbf;
    if (length === 1) {
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
      else if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    }
    if (next < low || next > high) return length;
    length++;
  }
  return length;
}

const isExecuted = (byte: number): boolean => byte <= 0x17 || byte === 0x19 || (byte >= 0x1c && byte <= 0x1f);

/** One byte outside the ground state (`vte::Parser::change_state`); only a line feed is ever kept. */
function advance(state: State, byte: number, output: number[]): State {
  switch (state) {
    case State.Escape:
      if (isExecuted(byte)) return execute(byte, output, state);
      if (byte >= 0x20 && byte <= 0x2f) return State.EscapeIntermediate;
      if (byte === 0x50) return State.DcsEntry;
      if (byte === 0x58 || byte === 0x5e || byte === 0x5f) return State.SosPmApcString;
      if (byte === 0x5b) return State.CsiEntry;
      if (byte === 0x5d) return State.OscString;
      if (byte >= 0x30 && byte <= 0x7e) return State.Ground;
      if (byte === 0x18 || byte === 0x1a) return State.Ground;
      return state;
    case State.EscapeIntermediate:
      if (isExecuted(byte)) return execute(byte, output, state);
      if (byte >= 0x20 && byte <= 0x2f) return state;
      if (byte >= 0x30 && byte <= 0x7e) return State.Ground;
      if (byte === 0x7f) return state;
      return anywhere(state, byte);
    case State.CsiEntry:
      if (isExecuted(byte)) return execute(byte, output, state);
      if (byte >= 0x20 && byte <= 0x2f) return State.CsiIntermediate;
      if (byte >= 0x30 && byte <= 0x3f) return State.CsiParam;
      if (byte >= 0x40 && byte <= 0x7e) return State.Ground;
      return anywhere(state, byte);
    case State.CsiParam:
      if (isExecuted(byte)) return execute(byte, output, state);
      if (byte >= 0x20 && byte <= 0x2f) return State.CsiIntermediate;
      if (byte >= 0x30 && byte <= 0x3b) return state;
      if (byte >= 0x3c && byte <= 0x3f) return State.CsiIgnore;
      if (byte >= 0x40 && byte <= 0x7e) return State.Ground;
      if (byte === 0x7f) return state;
      return anywhere(state, byte);
    case State.CsiIntermediate:
      if (isExecuted(byte)) return execute(byte, output, state);
      if (byte >= 0x20 && byte <= 0x2f) return state;
      if (byte >= 0x30 && byte <= 0x3f) return State.CsiIgnore;
      if (byte >= 0x40 && byte <= 0x7e) return State.Ground;
      return anywhere(state, byte);
    case State.CsiIgnore:
      if (isExecuted(byte)) return execute(byte, output, state);
      if (byte >= 0x40 && byte <= 0x7e) return State.Ground;
      if ((byte >= 0x20 && byte <= 0x3f) || byte === 0x7f) return state;
      return anywhere(state, byte);
    case State.DcsEntry:
      if (isExecuted(byte) || byte === 0x7f) return state;
      if (byte >= 0x20 && byte <= 0x2f) return State.DcsIntermediate;
      if (byte >= 0x30 && byte <= 0x3f) return State.DcsParam;
      if (byte >= 0x40 && byte <= 0x7e) return State.DcsPassthrough;
      return anywhere(state, byte);
    case State.DcsParam:
      if (isExecuted(byte) || byte === 0x7f) return state;
      if (byte >= 0x20 && byte <= 0x2f) return State.DcsIntermediate;
      if (byte >= 0x30 && byte <= 0x3b) return state;
      if (byte >= 0x3c && byte <= 0x3f) return State.DcsIgnore;
      if (byte >= 0x40 && byte <= 0x7e) return State.DcsPassthrough;
      return anywhere(state, byte);
    case State.DcsIntermediate:
      if (isExecuted(byte) || byte === 0x7f) return state;
      if (byte >= 0x20 && byte <= 0x2f) return state;
      if (byte >= 0x30 && byte <= 0x3f) return State.DcsIgnore;
      if (byte >= 0x40 && byte <= 0x7e) return State.DcsPassthrough;
      return anywhere(state, byte);
    case State.DcsPassthrough:
      if (byte === 0x18 || byte === 0x1a) return execute(byte, output, State.Ground);
      if (byte === 0x1b) return State.Escape;
      if (byte === 0x9c) return State.Ground;
      return state;
    case State.OscString:
      if (byte === 0x07) return State.Ground;
      if (byte === 0x18 || byte === 0x1a) return State.Ground;
      if (byte === 0x1b) return State.Escape;
      return state;
    default:
      // DcsIgnore, SosPmApcString.
      return anywhere(state, byte);
  }
}

function execute(byte: number, output: number[], next: State): State {
  if (byte === 0x0a) output.push(byte);
  return next;
}

function anywhere(state: State, byte: number): State {
  if (byte === 0x18 || byte === 0x1a) return State.Ground;
  if (byte === 0x1b) return State.Escape;
  return state;
}
