import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineState, splitLines } from './lines.js';

/**
 * Reads `content` as the file server does: from the position, at most `chunk` bytes (or a large
 * read once one unfinished line fills a chunk), of what the writer has written so far (`written`).
 */
function readAll(
  content: Buffer,
  writes: number[],
  options: { delimiter: Buffer; unit: 1 | 2; maxLineBytes: number },
  chunk: number,
) {
  const state: LineState = { discarding: false, discardStart: 0 };
  const lines: string[] = [];
  const discarded: number[] = [];
  let position = 0;
  let large = false;
  for (const written of [...writes, content.length, content.length]) {
    for (let steps = 0; steps < 10_000; steps += 1) {
      const want: number = large ? Math.max(chunk, options.maxLineBytes + options.delimiter.length) : chunk;
      const data = content.subarray(position, Math.min(written, position + want));
      const result = splitLines(
        data,
        position,
        state,
        options,
        (start, end) => lines.push(data.toString('latin1', start, end)),
        (start) => discarded.push(start),
      );
      const full: boolean = data.length === want;
      position += result.consumed;
      large = result.lineFillsBuffer && full && !large;
      if (!large && (!full || result.consumed === 0)) break;
    }
  }
  return { lines, discarded };
}

describe('splitLines', () => {
  it('gives the complete lines of a file read in any pieces, skipping those longer than max_line_bytes (counted)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', '\r', 'é'), maxLength: 40 }), { maxLength: 20 }),
        fc.constantFrom('\n', '\r\n', '||'),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 2, max: 50 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.boolean(),
        (texts, delimiterText, maxLineBytes, chunk, cuts, unfinished) => {
          const delimiter = Buffer.from(delimiterText);
          const lines = texts.map((text) => Buffer.from(text, 'utf8').toString('latin1'));
          // Lines must not hold the delimiter themselves.
          const clean = lines.map((line) => line.split(delimiterText).join('x'));
          const body = clean.map((line) => line + delimiterText).join('') + (unfinished ? 'tail' : '');
          const content = Buffer.from(body, 'latin1');
          const writes = cuts.map((cut) => cut % (content.length + 1)).sort((a, b) => a - b);
          const { lines: got, discarded } = readAll(
            content,
            writes,
            { delimiter, unit: 1, maxLineBytes },
            chunk,
          );
          const expected = clean.filter((line) => Buffer.byteLength(line, 'latin1') <= maxLineBytes);
          // A delimiter split by a write may join two lines only if it is multi-byte: never.
          expect(got).toEqual(expected);
          expect(discarded.length).toBe(clean.length - expected.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds a UTF-16 delimiter only at a character boundary', () => {
    // "\u0a41\u0100": its bytes hold 0a 00 across the two characters, which is no newline.
    const text = 'a\u0a41\u0100b\nsecond\n';
    const data = Buffer.from(text, 'utf16le');
    const lines: string[] = [];
    splitLines(
      data,
      0,
      { discarding: false, discardStart: 0 },
      { delimiter: Buffer.from('\n', 'utf16le'), unit: 2, maxLineBytes: 1000 },
      (start, end) => lines.push(data.toString('utf16le', start, end)),
      () => {},
    );
    expect(lines).toEqual(['a\u0a41\u0100b', 'second']);
  });

  it('skips a line far longer than any read without holding it, then goes on', () => {
    const long = Buffer.alloc(1_000_000, 'x');
    const content = Buffer.concat([Buffer.from('before\n'), long, Buffer.from('\nafter\n')]);
    const { lines, discarded } = readAll(
      content,
      [],
      { delimiter: Buffer.from('\n'), unit: 1, maxLineBytes: 100 },
      4096,
    );
    expect(lines).toEqual(['before', 'after']);
    expect(discarded).toEqual([7]);
  });
});

describe('splitLines with maxLines', () => {
  it('stops after that many lines and leaves the rest unconsumed (read again)', () => {
    const data = Buffer.from('a\nb\nc\nd\n');
    const lines: string[] = [];
    const result = splitLines(
      data,
      0,
      { discarding: false, discardStart: 0 },
      { delimiter: Buffer.from('\n'), unit: 1, maxLineBytes: 10, maxLines: 2 },
      (start, end) => lines.push(data.toString('latin1', start, end)),
      () => {},
    );
    expect(lines).toEqual(['a', 'b']);
    expect(result.consumed).toBe(4);
  });
});
