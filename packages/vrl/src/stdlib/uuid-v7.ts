import { randomBytes } from 'node:crypto';
import { defineFunction, expectTimestamp, kind, optional } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { submillisecondNanosOf } from '../value/markers.js';
import { now } from './time.js';

const MASK32 = (1n << 32n) - 1n;

/** A UUID v7 (48-bit millisecond timestamp, then random bits) for a timestamp (now when absent). */
export const uuidV7 = defineFunction({
  name: 'uuid_v7',
  parameters: [optional('timestamp', kind.TIMESTAMP)],
  returns: TypeDef.bytes(),
  call: ([timestamp]) => {
    const time = timestamp === undefined ? now() : expectTimestamp(timestamp);
    const milliseconds = BigInt(time.getTime());
    const totalNanos = milliseconds * 1_000_000n + BigInt(submillisecondNanosOf(time));
    if (totalNanos >= 2n ** 63n || totalNanos < -(2n ** 63n))
      return fail("can't convert out of range timestamp");
    const seconds = BigInt.asUintN(
      64,
      milliseconds >= 0n ? milliseconds / 1000n : (milliseconds - 999n) / 1000n,
    );
    // VRL passes the nanoseconds since the epoch, cut to 32 bits, as the sub-second part: the
    // UUID's time is then up to 4.3 s late. Kept, so UUIDs sort as VRL's do.
    const subsecond = totalNanos & MASK32;
    const unixMilliseconds = BigInt.asUintN(48, seconds * 1000n + subsecond / 1_000_000n);
    const bytes = randomBytes(16);
    for (let index = 0; index < 6; index++)
      bytes[index] = Number((unixMilliseconds >> BigInt(8 * (5 - index))) & 0xffn);
    bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
    bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
});
