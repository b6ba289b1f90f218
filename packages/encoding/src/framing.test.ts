import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NewlineFramer } from './framing.js';

function frame(
  chunks: Array<string | Buffer>,
  maxLength = 100,
  oversizedAction: 'drop' | 'truncate' = 'drop',
) {
  const framer = new NewlineFramer({ maxLength, oversizedAction });
  const lines: string[] = [];
  let oversized = 0;
  for (const chunk of chunks) {
    const result = framer.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    lines.push(...result.lines);
    oversized += result.oversized;
  }
  const last = framer.end();
  lines.push(...last.lines);
  return { lines, oversized: oversized + last.oversized };
}

describe('NewlineFramer', () => {
  it('splits lines, strips a trailing \\r, keeps empty lines, emits the unterminated last line at the end', () => {
    expect(frame(['a\r\nb\n\nc']).lines).toEqual(['a', 'b', '', 'c']);
  });

  it('joins lines split across chunks, byte by byte', () => {
    const text = 'first line\r\nsecond\n';
    expect(frame([...Buffer.from(text)].map((byte) => Buffer.from([byte]))).lines).toEqual([
      'first line',
      'second',
    ]);
  });

  it('replaces invalid UTF-8 and never throws', () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x41, 0xc3, 0x0a, 0x80, 0x42, 0x0a]);
    expect(frame([garbage]).lines).toEqual(['\ufffd\ufffdA\ufffd', '\ufffdB']);
  });

  it('keeps a multi-byte character split across chunks', () => {
    const bytes = Buffer.from('é\n');
    expect(frame([bytes.subarray(0, 1), bytes.subarray(1)]).lines).toEqual(['é']);
  });

  it('drops an over-long line, counts it, and keeps the next line intact', () => {
    const long = 'x'.repeat(1_000_000);
    const result = frame([`${long.slice(0, 300_000)}`, `${long.slice(300_000)}\nnext\n`], 102_400, 'drop');
    expect(result.lines).toEqual(['next']);
    expect(result.oversized).toBe(1);
  });

  it('truncates an over-long line to max_length, counts it, and keeps the next line intact', () => {
    const result = frame([`${'y'.repeat(1_000_000)}\nnext\n`], 102_400, 'truncate');
    expect(result.lines).toEqual(['y'.repeat(102_400), 'next']);
    expect(result.oversized).toBe(1);
  });

  it('truncates an over-long line that arrives in many chunks once', () => {
    const chunks = Array.from({ length: 20 }, () => 'z'.repeat(100));
    const result = frame([...chunks, '\nafter\n'], 150, 'truncate');
    expect(result.lines).toEqual(['z'.repeat(150), 'after']);
    expect(result.oversized).toBe(1);
  });

  it('a line of exactly max_length (with \\r\\n) is kept', () => {
    expect(frame(['abcd\r\n'], 4).lines).toEqual(['abcd']);
    expect(frame(['abcde\n'], 4).oversized).toBe(1);
  });

  it('any chunking of any text gives the same lines as splitting the whole text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z\r]{0,8}$/), { maxLength: 20 }),
        fc.array(fc.nat(40)),
        (lines, cuts) => {
          const text = lines.join('\n');
          const bytes = Buffer.from(text);
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let previous = 0;
          for (const point of [...points, bytes.length]) {
            chunks.push(bytes.subarray(previous, point));
            previous = point;
          }
          const expected =
            text === ''
              ? []
              : text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
          // The framer emits the last line only when it is not empty (an empty tail is no line).
          if (expected.at(-1) === '' && !text.endsWith('\r')) expected.pop();
          expect(frame(chunks, 1000).lines).toEqual(expected);
        },
      ),
    );
  });
});
