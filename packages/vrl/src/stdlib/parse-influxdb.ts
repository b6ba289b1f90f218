import { defineFunction, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { floatValue, Timestamp } from '../value/markers.js';
import { cloneValue, type ObjectValue, setOwnField, type Value } from '../value/value.js';
import { type FieldValue, LineProtocolError, parseLineProtocol } from './parsers/influxdb.js';

function gaugeValue(field: FieldValue): number {
  switch (field.type) {
    case 'integer':
    case 'unsigned':
      return Number(field.value);
    case 'float':
      return field.value;
    case 'boolean':
      return field.value ? 1 : 0;
    case 'string':
      return fail(
        "Error while converting InfluxDB line protocol metric to Vector's metric model: field set values of type string are not supported",
      );
  }
}

function timestampOfNanos(nanos: bigint): Timestamp {
  const milliseconds = nanos / 1_000_000n - (nanos % 1_000_000n < 0n ? 1n : 0n);
  return new Timestamp(Number(milliseconds), Number(nanos - milliseconds * 1_000_000n));
}

/**
 * `parse_influxdb(value)`: InfluxDB line protocol as Vector metrics: one gauge per field, named
 * `<measurement>_<field>`, with the line's tags and timestamp.
 */
export const parseInfluxdb = defineFunction({
  name: 'parse_influxdb',
  parameters: [required('value', kind.BYTES)],
  returns: TypeDef.array(
    Collection.fromUnknown(
      Kind.object(
        Collection.known([
          ['name', Kind.bytes()],
          ['tags', Kind.object(Collection.fromUnknown(Kind.bytes())).orNull()],
          ['timestamp', Kind.timestamp().orNull()],
          ['kind', Kind.bytes()],
          ['gauge', Kind.object(Collection.known([['value', Kind.float()]]))],
        ]),
      ),
    ),
  ).fallible(),
  freshResult: true,
  call: ([value]) => {
    let lines: ReturnType<typeof parseLineProtocol>;
    try {
      lines = parseLineProtocol(value as string);
    } catch (error) {
      if (error instanceof LineProtocolError)
        return fail(`InfluxDB line protocol parsing error: ${error.message}`);
      throw error;
    }
    const metrics: Value[] = [];
    for (const line of lines) {
      let tags: ObjectValue | undefined;
      if (line.tags !== undefined) {
        tags = {};
        for (const [key, tag] of line.tags) setOwnField(tags, key, tag);
      }
      for (const [key, field] of line.fields) {
        const metric: ObjectValue = { name: `${line.measurement}_${key}` };
        if (tags !== undefined) metric.tags = cloneValue(tags);
        if (line.timestamp !== undefined) metric.timestamp = timestampOfNanos(line.timestamp);
        metric.kind = 'absolute';
        metric.gauge = { value: floatValue(gaugeValue(field)) };
        metrics.push(metric);
      }
    }
    return metrics;
  },
});
