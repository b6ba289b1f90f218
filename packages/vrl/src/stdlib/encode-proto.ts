import {
  defineFunction,
  expectBoolean,
  FunctionCompileError,
  kind,
  optional,
  required,
} from '../function.js';
import { fail, RuntimeError } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { formatFloat, formatTimestamp } from '../value/display.js';
import { submillisecondNanosOf } from '../value/markers.js';
import type { VrlRegex } from '../value/regex.js';
import {
  numberOfValue,
  type ObjectValue,
  ownField,
  sortedKeys,
  Tag,
  tagOf,
  type Value,
} from '../value/value.js';
import {
  type DescriptorPool,
  type FieldDescriptor,
  type FieldType,
  type MessageDescriptor,
  messageDescriptor,
  WireWriter,
} from './protobuf.js';
import { bytesToText, lossyText, textToBytes } from './raw-bytes.js';
import { parseRustFloat } from './rust.js';
import { parseBoolean } from './to-bool.js';

/**
 * `encode_proto(value, desc_file, message_type, allow_lossy_string_coercion: true)`: an object
 * encoded as a protobuf message of a type from a descriptor set file, with VRL's conversions
 * (strings to numbers and enums, timestamps to `google.protobuf.Timestamp` or microseconds, …).
 */

type Scalar = bigint | number | boolean | Uint8Array;
/** A converted field value: a scalar, an encoded message, or a map's entries. */
type Converted = { scalar: Scalar } | { message: Buffer } | { entries: Buffer[] };

const KIND_NAMES: Record<FieldType, string> = {
  double: 'Double',
  float: 'Float',
  int64: 'Int64',
  uint64: 'Uint64',
  int32: 'Int32',
  fixed64: 'Fixed64',
  fixed32: 'Fixed32',
  bool: 'Bool',
  string: 'String',
  group: 'Group',
  message: 'Message',
  bytes: 'Bytes',
  uint32: 'Uint32',
  enum: 'Enum',
  sfixed32: 'Sfixed32',
  sfixed64: 'Sfixed64',
  sint32: 'Sint32',
  sint64: 'Sint64',
};

const RANGES: Record<string, [bigint, bigint]> = {
  i32: [-(2n ** 31n), 2n ** 31n - 1n],
  i64: [-(2n ** 63n), 2n ** 63n - 1n],
  u32: [0n, 2n ** 32n - 1n],
  u64: [0n, 2n ** 64n - 1n],
};

/** Rust's `str::parse` for an integer type, or its error text. */
function parseInteger(text: string, type: 'i32' | 'i64' | 'u32' | 'u64'): bigint | string {
  if (text === '') return 'cannot parse integer from empty string';
  const signed = type.startsWith('i');
  if (!(signed ? /^[+-]?[0-9]+$/ : /^\+?[0-9]+$/).test(text)) return 'invalid digit found in string';
  const value = BigInt(text);
  const [low, high] = RANGES[type] as [bigint, bigint];
  if (value > high) return 'number too large to fit in target type';
  if (value < low) return 'number too small to fit in target type';
  return value;
}

function kindString(value: Value): string {
  const names = ['string', 'integer', 'float', 'boolean', 'timestamp', 'string', 'null', 'array', 'map'];
  return names[tagOf(value)] as string;
}

interface Options {
  lossy: boolean;
}

class Encoder {
  constructor(
    private readonly pool: DescriptorPool,
    private readonly options: Options,
  ) {}

  message(descriptor: MessageDescriptor, value: Value): Buffer {
    if (tagOf(value) !== Tag.Object) return fail('ProtobufSerializer only supports serializing objects');
    const object = value as ObjectValue;
    const writer = new WireWriter();
    for (const field of descriptor.fields) {
      const item = ownField(object, field.name);
      if (item === undefined || item === null) continue;
      let converted: Converted | Converted[];
      try {
        converted = this.field(field, item);
      } catch (error) {
        if (error instanceof RuntimeError)
          return fail(`Error converting ${field.name} field: ${error.message}`);
        throw error;
      }
      if (field.repeated && !Array.isArray(converted) && !('entries' in converted)) {
        return fail(
          `Error setting ${field.name} field: expected a list for the repeated field, got a single value`,
        );
      }
      this.write(writer, field, converted);
    }
    return writer.finish();
  }

  private field(field: FieldDescriptor, value: Value): Converted | Converted[] {
    if (Array.isArray(value)) {
      if (!field.repeated) return fail('Cannot encode array into a non-repeated protobuf field');
      return value.map((item) => this.convert(item, field.type, field.typeName));
    }
    return this.convert(value, field.type, field.typeName);
  }

  private convert(value: Value, type: FieldType, typeName: string): Converted {
    const tag = tagOf(value);
    const scalar = (item: Scalar): Converted => ({ scalar: item });
    switch (type) {
      case 'bool':
        if (tag === Tag.Boolean) return scalar(value as boolean);
        if (tag === Tag.Integer) return scalar(BigInt(value as number | bigint) !== 0n);
        if (tag === Tag.Bytes) return scalar(parseBoolean(value as string));
        break;
      case 'bytes':
        if (tag === Tag.Bytes) return scalar(textToBytes(value as string));
        if (tag === Tag.Regex) return scalar(Buffer.from((value as VrlRegex).pattern, 'utf8'));
        break;
      case 'string': {
        if (tag === Tag.Bytes) return scalar(Buffer.from(lossyText(value as string), 'utf8'));
        if (tag === Tag.Regex) return scalar(Buffer.from((value as VrlRegex).pattern, 'utf8'));
        if (!this.options.lossy) break;
        if (tag === Tag.Boolean || tag === Tag.Integer) return scalar(Buffer.from(String(value), 'utf8'));
        if (tag === Tag.Float) return scalar(Buffer.from(formatFloat(numberOfValue(value)), 'utf8'));
        if (tag === Tag.Timestamp) {
          // chrono's `Display`: `2021-01-01 00:00:00.5 UTC`.
          const text = formatTimestamp(value as Date)
            .replace('T', ' ')
            .replace('Z', ' UTC');
          return scalar(Buffer.from(text, 'utf8'));
        }
        break;
      }
      case 'enum': {
        if (tag === Tag.Integer) return scalar(BigInt.asIntN(32, BigInt(value as number | bigint)));
        if (tag !== Tag.Bytes) break;
        const text = lossyText(value as string);
        const enumeration = this.pool.enums.get(typeName);
        const found = enumeration?.values.find((item) => item.name.toLowerCase() === text.toLowerCase());
        if (found === undefined)
          return fail(`Enum \`${typeName}\` has no value that matches string '${text}'`);
        return scalar(BigInt(found.number));
      }
      case 'double':
      case 'float': {
        const name = type === 'double' ? 'double' : 'float';
        let number: number | undefined;
        if (tag === Tag.Float || tag === Tag.Integer) number = numberOfValue(value);
        else if (tag === Tag.Bytes) {
          const text = lossyText(value as string);
          const parsed = parseRustFloat(text);
          if ('error' in parsed) return fail(`Cannot parse \`${text}\` as ${name}: ${parsed.error}`);
          number = parsed.value;
        }
        if (number === undefined) break;
        return scalar(type === 'float' ? Math.fround(number) : number);
      }
      case 'message': {
        if (tag === Tag.Timestamp && typeName === 'google.protobuf.Timestamp') {
          const date = value as Date;
          const milliseconds = date.getTime();
          const seconds = Math.floor(milliseconds / 1000);
          const nanos = (milliseconds - seconds * 1000) * 1_000_000 + submillisecondNanosOf(date);
          const writer = new WireWriter();
          if (seconds !== 0) {
            writer.key(1, 0);
            writer.varint(BigInt(seconds));
          }
          if (nanos !== 0) {
            writer.key(2, 0);
            writer.varint(BigInt(nanos));
          }
          return { message: writer.finish() };
        }
        if (tag !== Tag.Object) break;
        const descriptor = this.pool.messages.get(typeName);
        if (descriptor === undefined) break;
        if (descriptor.mapEntry) return { entries: this.mapEntries(descriptor, value as ObjectValue) };
        return { message: this.message(descriptor, value) };
      }
      default: {
        const width =
          type === 'int32' || type === 'sint32' || type === 'sfixed32'
            ? 'i32'
            : type === 'uint32' || type === 'fixed32'
              ? 'u32'
              : type === 'uint64' || type === 'fixed64'
                ? 'u64'
                : 'i64';
        if (tag === Tag.Integer) {
          const integer = BigInt(value as number | bigint);
          return scalar(
            width === 'i32'
              ? BigInt.asIntN(32, integer)
              : width === 'u32'
                ? BigInt.asUintN(32, integer)
                : width === 'u64'
                  ? BigInt.asUintN(64, integer)
                  : integer,
          );
        }
        if (tag === Tag.Bytes) {
          const text = lossyText(value as string);
          const parsed = parseInteger(text, width);
          if (typeof parsed === 'string') return fail(`Can't convert '${text}' to ${width}: ${parsed}`);
          return scalar(parsed);
        }
        if (tag === Tag.Timestamp && type === 'int64') {
          const date = value as Date;
          return scalar(
            BigInt(date.getTime()) * 1000n + BigInt(Math.floor(submillisecondNanosOf(date) / 1000)),
          );
        }
      }
    }
    const kindName =
      type === 'message' || type === 'enum' ? `${KIND_NAMES[type]}(${typeName})` : KIND_NAMES[type];
    return fail(`Cannot encode \`${kindString(value)}\` into protobuf \`${kindName}\``);
  }

  /** A map field's entries (key 1, value 2; defaults left out, as prost writes them), in key order. */
  private mapEntries(entry: MessageDescriptor, object: ObjectValue): Buffer[] {
    const keyField = entry.fields.find((field) => field.number === 1) as FieldDescriptor;
    const valueField = entry.fields.find((field) => field.number === 2) as FieldDescriptor;
    return sortedKeys(object).map((key) => {
      const writer = new WireWriter();
      this.write(writer, { ...keyField, presence: false }, { scalar: this.mapKey(keyField.type, key) });
      const converted = this.convert(object[key] as Value, valueField.type, valueField.typeName);
      this.write(writer, { ...valueField, presence: valueField.type === 'message' }, converted);
      return writer.finish();
    });
  }

  private mapKey(type: FieldType, key: string): Scalar {
    const named: Partial<Record<FieldType, 'i32' | 'i64' | 'u32' | 'u64'>> = {
      int32: 'i32',
      sint32: 'i32',
      sfixed32: 'i32',
      int64: 'i64',
      sint64: 'i64',
      sfixed64: 'i64',
      uint32: 'u32',
      fixed32: 'u32',
      uint64: 'u64',
      fixed64: 'u64',
    };
    if (type === 'string') return Buffer.from(key, 'utf8');
    if (type === 'bool') {
      if (key === 'true' || key === 'false') return key === 'true';
      return fail(`Cannot parse map key '${key}' as bool: provided string was not \`true\` or \`false\``);
    }
    const width = named[type];
    if (width === undefined) return fail(`Unsupported proto map key type: ${KIND_NAMES[type]}`);
    const parsed = parseInteger(key, width);
    return typeof parsed === 'string' ? fail(`Cannot parse map key '${key}' as ${width}: ${parsed}`) : parsed;
  }

  private write(writer: WireWriter, field: FieldDescriptor, converted: Converted | Converted[]): void {
    if (Array.isArray(converted)) {
      if (converted.length === 0) return;
      if (field.packed) {
        const packed = new WireWriter();
        for (const item of converted) writeScalar(packed, field.type, (item as { scalar: Scalar }).scalar);
        writer.key(field.number, 2);
        writer.bytes(packed.finish());
        return;
      }
      for (const item of converted) this.write(writer, { ...field, repeated: false, presence: true }, item);
      return;
    }
    if ('entries' in converted) {
      for (const entry of converted.entries) {
        writer.key(field.number, 2);
        writer.bytes(entry);
      }
      return;
    }
    if ('message' in converted) {
      writer.key(field.number, 2);
      writer.bytes(converted.message);
      return;
    }
    const value = converted.scalar;
    // Implicit presence (proto3): a default value is not written.
    if (!field.presence && isDefault(value)) return;
    writer.key(field.number, wireType(field.type));
    writeScalar(writer, field.type, value);
  }
}

function isDefault(value: Scalar): boolean {
  if (value instanceof Uint8Array) return value.length === 0;
  return value === 0n || value === 0 || value === false;
}

function wireType(type: FieldType): number {
  switch (type) {
    case 'double':
    case 'fixed64':
    case 'sfixed64':
      return 1;
    case 'float':
    case 'fixed32':
    case 'sfixed32':
      return 5;
    case 'string':
    case 'bytes':
    case 'message':
      return 2;
    default:
      return 0;
  }
}

function writeScalar(writer: WireWriter, type: FieldType, value: Scalar): void {
  if (value instanceof Uint8Array) writer.bytes(value);
  else if (typeof value === 'boolean') writer.varint(value ? 1n : 0n);
  else if (typeof value === 'number') writer.float(value, type === 'float' ? 4 : 8);
  else if (type === 'sint32' || type === 'sint64')
    writer.varint(value >= 0n ? value << 1n : (-value << 1n) - 1n);
  else if (type === 'fixed32' || type === 'sfixed32') writer.fixed(value, 4);
  else if (type === 'fixed64' || type === 'sfixed64') writer.fixed(value, 8);
  // int32 and enums are sign-extended to 64 bits, as the wire format says.
  else writer.varint(value);
}

export const encodeProto = defineFunction({
  name: 'encode_proto',
  parameters: [
    required('value', kind.ANY),
    required('desc_file', kind.BYTES),
    required('message_type', kind.BYTES),
    optional('allow_lossy_string_coercion', kind.BOOLEAN),
  ],
  compile(call) {
    const path = call.literal('desc_file') as string;
    const messageType = call.literal('message_type') as string;
    const found = messageDescriptor(lossyText(path), lossyText(messageType));
    // VRL panics ("message type not found"); here the program is refused.
    if (typeof found === 'string') throw new FunctionCompileError(0, found, []);
    const value = call.required('value').evaluate;
    const lossy = call.argument('allow_lossy_string_coercion')?.evaluate;
    return {
      run(context) {
        const options = { lossy: lossy === undefined ? true : expectBoolean(lossy(context)) };
        return bytesToText(new Encoder(found.pool, options).message(found.message, value(context)));
      },
      typeDef: TypeDef.bytes().fallible(),
      freshResult: true,
    };
  },
});
