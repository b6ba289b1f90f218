import { constants } from 'node:buffer';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createFramer,
  DEFAULT_MAX_LENGTH,
  type Framer,
  frameLengthLimit,
  MAX_FRAME_LENGTH_CEILING,
  NewlineFramer,
} from './framing.js';

/**
 * Array buffers still reachable: garbage collected first, so the figure is what is held, not what
 * a GC has yet to free (Node 24+ collects later than 20 and 22). Twice, because V8 frees array
 * buffers on a background sweeper after a collection; the next collection waits for it.
 */
const collectGarbage = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
function heldArrayBuffers(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().arrayBuffers;
}

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

/** Feeds `bytes` to a framer in every split given, and collects frames and counts. */
function run(framer: Framer, chunks: Buffer[]) {
  const lines: string[] = [];
  let oversized = 0;
  let invalid = 0;
  for (const result of [...chunks.map((chunk) => framer.push(chunk)), framer.end()]) {
    lines.push(...result.lines);
    oversized += result.oversized;
    invalid += result.invalid ?? 0;
  }
  return { lines, oversized, invalid };
}
const bytewise = (buffer: Buffer) => [...buffer].map((byte) => Buffer.from([byte]));

describe('createFramer: the framing methods of Vector', () => {
  it('newline_delimited is the default', () => {
    expect(run(createFramer(undefined), [Buffer.from('a\r\nb')]).lines).toEqual(['a', 'b']);
  });

  it('the legacy max_length applies to newline_delimited', () => {
    const result = run(createFramer(undefined, { legacyMaxLength: 3 }), [Buffer.from('abcd\nabc\n')]);
    expect(result).toEqual({ lines: ['abc'], oversized: 1, invalid: 0 });
  });

  it('character_delimited splits on its delimiter and keeps \\r', () => {
    const framer = createFramer({ method: 'character_delimited', character_delimited: { delimiter: ',' } });
    expect(run(framer, bytewise(Buffer.from('a\r,b,,c'))).lines).toEqual(['a\r', 'b', '', 'c']);
  });

  it('gelf defaults to \\0-delimited frames', () => {
    const framer = createFramer(undefined, { defaultDelimiter: '\u0000' });
    expect(run(framer, [Buffer.from('{"a":1}\u0000{"b":2}\u0000')]).lines).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('length_delimited: 4-byte big-endian prefix by default, byte by byte', () => {
    const frames = ['hello', '', 'wörld'].map((text) => {
      const body = Buffer.from(text);
      const header = Buffer.alloc(4);
      header.writeUInt32BE(body.length);
      return Buffer.concat([header, body]);
    });
    const framer = createFramer({ method: 'length_delimited' });
    expect(run(framer, bytewise(Buffer.concat(frames)))).toEqual({
      lines: ['hello', '', 'wörld'],
      oversized: 0,
      invalid: 0,
    });
  });

  it('length_delimited honours length_field_length, offset and little endian; skips frames over max_frame_length', () => {
    const framer = createFramer({
      method: 'length_delimited',
      length_delimited: {
        length_field_length: 2,
        length_field_offset: 1,
        length_field_is_big_endian: false,
        max_frame_length: 4,
      },
    });
    const stream = Buffer.from([9, 2, 0, 0x6f, 0x6b, 9, 6, 0, ...Buffer.from('toobig'), 9, 1, 0, 0x21]);
    expect(run(framer, bytewise(stream))).toEqual({ lines: ['ok', '!'], oversized: 1, invalid: 0 });
  });

  it('length_delimited counts a frame cut off at the end as invalid (dropped)', () => {
    const framer = createFramer({ method: 'length_delimited' });
    expect(run(framer, [Buffer.from([0, 0, 0, 9, 0x61])])).toEqual({ lines: [], oversized: 0, invalid: 1 });
  });

  it('varint_length_delimited reads protobuf varint prefixes (300 bytes needs two)', () => {
    const long = 'v'.repeat(300);
    const stream = Buffer.concat([
      Buffer.from([3]),
      Buffer.from('abc'),
      Buffer.from([0xac, 0x02]),
      Buffer.from(long),
    ]);
    const framer = createFramer({ method: 'varint_length_delimited' });
    expect(run(framer, bytewise(stream)).lines).toEqual(['abc', long]);
  });

  it('octet_counting reads "<len> <msg>" frames and falls back to lines without a count', () => {
    const framer = createFramer({ method: 'octet_counting', octet_counting: { max_length: 10 } });
    const stream = Buffer.from('5 hello11 toolongtext3 abcplain line\n2 ok');
    expect(run(framer, bytewise(stream))).toEqual({
      lines: ['hello', 'abc', 'plain line', 'ok'],
      oversized: 1,
      invalid: 0,
    });
  });

  it('bytes: each chunk is one frame', () => {
    expect(run(createFramer({ method: 'bytes' }), [Buffer.from('a\nb'), Buffer.from('c')]).lines).toEqual([
      'a\nb',
      'c',
    ]);
  });

  it('discard() drops the unfinished frame and says whether there was one', () => {
    const newline = createFramer(undefined);
    newline.push(Buffer.from('done\npart'));
    expect(newline.discard()).toBe(true);
    expect(newline.end().lines).toEqual([]);
    const prefixed = createFramer({ method: 'length_delimited' });
    prefixed.push(Buffer.from([0, 0, 0, 1]));
    expect(prefixed.discard()).toBe(true);
    expect(createFramer(undefined).discard()).toBe(false);
  });
});

describe('frame length limits (a line that never ends)', () => {
  it("delimited frames are bounded by default at 102,400 bytes (Vector's documented max_length): longer ones dropped, counted", () => {
    expect(DEFAULT_MAX_LENGTH).toBe(102_400);
    const kept = 'k'.repeat(102_400);
    const dropped = 'd'.repeat(102_401);
    for (const framer of [
      createFramer(undefined),
      createFramer({ method: 'newline_delimited' }),
      createFramer({ method: 'character_delimited', character_delimited: { delimiter: '\n' } }),
      createFramer({ method: 'octet_counting' }),
    ]) {
      expect(run(framer, [Buffer.from(`${kept}\n${dropped}\nnext\n`)])).toEqual({
        lines: [kept, 'next'],
        oversized: 1,
        invalid: 0,
      });
    }
  });

  it('256 MiB without a delimiter: the framer keeps no more than the limit, and the next line is intact', () => {
    const framer = createFramer(undefined);
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const before = heldArrayBuffers();
    let oversized = 0;
    for (let index = 0; index < 256; index += 1) oversized += framer.push(chunk).oversized;
    const held = heldArrayBuffers() - before;
    const last = framer.push(Buffer.from('\nnext\n'));
    expect(oversized + last.oversized).toBe(1);
    expect(last.lines).toEqual(['next']);
    expect(held).toBeLessThan(64 * 1024 * 1024);
  });

  it('octet_counting: a count that never ends, or a line without one, is bounded too', () => {
    const before = heldArrayBuffers();
    let held = 0;
    for (const fill of ['7', 'x']) {
      const framer = createFramer({ method: 'octet_counting', octet_counting: { max_length: 10 } });
      const chunk = Buffer.alloc(1024 * 1024, fill);
      let oversized = 0;
      for (let index = 0; index < 32; index += 1) oversized += framer.push(chunk).oversized;
      held = Math.max(held, heldArrayBuffers() - before);
      const last = run(framer, [Buffer.from('\n2 ok')]);
      expect(oversized + last.oversized, fill).toBe(1);
      expect(last.lines).toEqual(['ok']);
    }
    expect(held).toBeLessThan(16 * 1024 * 1024);
  });

  it('whatever the config says, no frame may exceed the ceiling: 512 MiB, or the longest string V8 makes', () => {
    expect(MAX_FRAME_LENGTH_CEILING).toBe(Math.min(512 * 1024 * 1024, constants.MAX_STRING_LENGTH));
    const huge = 2 ** 40;
    expect(frameLengthLimit({ newline_delimited: { max_length: huge } })).toBe(MAX_FRAME_LENGTH_CEILING);
    expect(frameLengthLimit(undefined, { legacyMaxLength: huge })).toBe(MAX_FRAME_LENGTH_CEILING);
    expect(
      frameLengthLimit({ method: 'length_delimited', length_delimited: { max_frame_length: huge } }),
    ).toBe(MAX_FRAME_LENGTH_CEILING);
    expect(frameLengthLimit({ method: 'octet_counting', octet_counting: { max_length: huge } })).toBe(
      MAX_FRAME_LENGTH_CEILING,
    );
    expect(frameLengthLimit(undefined)).toBe(DEFAULT_MAX_LENGTH);
    expect(frameLengthLimit({ method: 'length_delimited' })).toBe(8 * 1024 * 1024);
    expect(frameLengthLimit({ method: 'bytes' })).toBe(MAX_FRAME_LENGTH_CEILING);
  });
});
