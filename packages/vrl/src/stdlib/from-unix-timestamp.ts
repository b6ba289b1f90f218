import { defineFunction, expectInteger, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { Timestamp } from '../value/markers.js';

const UNITS = ['seconds', 'milliseconds', 'microseconds', 'nanoseconds'];
const NANOS_PER_UNIT: Record<string, bigint> = {
  seconds: 1_000_000_000n,
  milliseconds: 1_000_000n,
  microseconds: 1_000n,
  nanoseconds: 1n,
};

// chrono's range: -262143-01-01T00:00:00Z to +262142-12-31T23:59:59.999999999Z (in milliseconds).
const MIN_MILLISECONDS = BigInt(Date.UTC(-262143, 0, 1));
const MAX_MILLISECONDS = BigInt(Date.UTC(262142, 11, 31, 23, 59, 59, 999));

/** A timestamp from nanoseconds since the epoch, or undefined outside chrono's range. */
export function timestampFromNanos(nanos: bigint): Timestamp | undefined {
  let milliseconds = nanos / 1_000_000n;
  let rest = nanos % 1_000_000n;
  if (rest < 0n) {
    rest += 1_000_000n;
    milliseconds -= 1n;
  }
  if (milliseconds < MIN_MILLISECONDS || milliseconds > MAX_MILLISECONDS) return undefined;
  return new Timestamp(Number(milliseconds), Number(rest));
}

/** `from_unix_timestamp(value, unit: "seconds")`: the timestamp of a Unix time in seconds, milli-, micro- or nanoseconds. */
export const fromUnixTimestamp = defineFunction({
  name: 'from_unix_timestamp',
  parameters: [required('value', kind.INTEGER), optional('unit', kind.BYTES)],
  compile(call) {
    const unit = (call.enumValue('unit', UNITS) as string | undefined) ?? 'seconds';
    const factor = NANOS_PER_UNIT[unit] as bigint;
    const value = call.required('value').evaluate;
    return {
      run(context) {
        const number = BigInt(expectInteger(value(context)));
        const timestamp = timestampFromNanos(number * factor);
        return timestamp ?? fail(`unable to coerce ${number} into timestamp`);
      },
      typeDef: TypeDef.timestamp().fallible(),
      freshResult: true,
    };
  },
});
