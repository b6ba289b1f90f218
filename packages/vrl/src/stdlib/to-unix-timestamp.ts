import { defineFunction, expectTimestamp, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { submillisecondNanosOf } from '../value/markers.js';
import { integerValue } from '../value/value.js';

const UNITS = ['seconds', 'milliseconds', 'microseconds', 'nanoseconds'];
const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);

/** `to_unix_timestamp(value, unit: "seconds")`: the Unix time of a timestamp, rounded down, in the unit. */
export const toUnixTimestamp = defineFunction({
  name: 'to_unix_timestamp',
  parameters: [required('value', kind.TIMESTAMP), optional('unit', kind.BYTES)],
  compile(call) {
    const unit = (call.enumValue('unit', UNITS) as string | undefined) ?? 'seconds';
    const value = call.required('value').evaluate;
    return {
      run(context) {
        const timestamp = expectTimestamp(value(context));
        const milliseconds = timestamp.getTime();
        switch (unit) {
          case 'seconds':
            return Math.floor(milliseconds / 1000);
          case 'milliseconds':
            return milliseconds;
          case 'microseconds':
            return integerValue(
              BigInt(milliseconds) * 1000n + BigInt(Math.floor(submillisecondNanosOf(timestamp) / 1000)),
            );
          default: {
            const nanos = BigInt(milliseconds) * 1_000_000n + BigInt(submillisecondNanosOf(timestamp));
            if (nanos > I64_MAX || nanos < I64_MIN) return fail("can't convert out of range timestamp");
            return integerValue(nanos);
          }
        }
      },
      typeDef: TypeDef.integer(),
    };
  },
});
