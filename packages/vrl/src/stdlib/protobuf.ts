import { readFileSync } from 'node:fs';

/**
 * Protocol Buffers for `encode_proto`: a descriptor set (`protoc --descriptor_set_out`) read from
 * its wire form (the parts of `descriptor.proto` that encoding needs), and the wire writer.
 */

export type FieldType =
  | 'double'
  | 'float'
  | 'int64'
  | 'uint64'
  | 'int32'
  | 'fixed64'
  | 'fixed32'
  | 'bool'
  | 'string'
  | 'group'
  | 'message'
  | 'bytes'
  | 'uint32'
  | 'enum'
  | 'sfixed32'
  | 'sfixed64'
  | 'sint32'
  | 'sint64';

const FIELD_TYPES: FieldType[] = [
  'double',
  'float',
  'int64',
  'uint64',
  'int32',
  'fixed64',
  'fixed32',
  'bool',
  'string',
  'group',
  'message',
  'bytes',
  'uint32',
  'enum',
  'sfixed32',
  'sfixed64',
  'sint32',
  'sint64',
];

export interface FieldDescriptor {
  name: string;
  number: number;
  repeated: boolean;
  type: FieldType;
  /** The full name (without the leading dot) of a message or enum type. */
  typeName: string;
  /** Packed on the wire (repeated scalars: proto3 by default, proto2 when asked). */
  packed: boolean;
  /** Whether an unset-looking value (0, "", false) is still written (explicit presence). */
  presence: boolean;
}

export interface MessageDescriptor {
  fullName: string;
  fields: FieldDescriptor[];
  mapEntry: boolean;
}

export interface EnumDescriptor {
  fullName: string;
  values: { name: string; number: number }[];
}

export interface DescriptorPool {
  messages: Map<string, MessageDescriptor>;
  enums: Map<string, EnumDescriptor>;
}

/** Reads a protobuf message's fields: number → list of raw values (varints as bigint, the rest as bytes). */
function readFields(bytes: Uint8Array): Map<number, (bigint | Uint8Array)[]> {
  const fields = new Map<number, (bigint | Uint8Array)[]>();
  let position = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (position >= bytes.length || shift > 63n) throw new Error('truncated varint');
      const byte = bytes[position++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
    }
  };
  while (position < bytes.length) {
    const key = Number(varint());
    const number = key >>> 3;
    let value: bigint | Uint8Array;
    switch (key & 7) {
      case 0:
        value = varint();
        break;
      case 1:
        value = bytes.subarray(position, position + 8);
        position += 8;
        break;
      case 2: {
        const length = Number(varint());
        if (position + length > bytes.length) throw new Error('truncated field');
        value = bytes.subarray(position, position + length);
        position += length;
        break;
      }
      case 5:
        value = bytes.subarray(position, position + 4);
        position += 4;
        break;
      default:
        throw new Error(`unsupported wire type ${key & 7}`);
    }
    const list = fields.get(number);
    if (list === undefined) fields.set(number, [value]);
    else list.push(value);
  }
  return fields;
}

const decoder = new TextDecoder();

function text(fields: Map<number, (bigint | Uint8Array)[]>, number: number): string {
  const value = fields.get(number)?.at(-1);
  return value instanceof Uint8Array ? decoder.decode(value) : '';
}

function integer(fields: Map<number, (bigint | Uint8Array)[]>, number: number): number | undefined {
  const value = fields.get(number)?.at(-1);
  return typeof value === 'bigint' ? Number(BigInt.asIntN(32, value)) : undefined;
}

function messages(
  fields: Map<number, (bigint | Uint8Array)[]>,
  number: number,
): Map<number, (bigint | Uint8Array)[]>[] {
  return (fields.get(number) ?? [])
    .filter((value) => value instanceof Uint8Array)
    .map((value) => readFields(value as Uint8Array));
}

/** Decodes a `FileDescriptorSet` into the messages and enums it declares, by full name. */
export function decodeDescriptorSet(bytes: Uint8Array): DescriptorPool {
  const pool: DescriptorPool = { messages: new Map(), enums: new Map() };
  for (const file of messages(readFields(bytes), 1)) {
    const packageName = text(file, 2);
    const syntax = text(file, 12) || 'proto2';
    const addEnums = (list: Map<number, (bigint | Uint8Array)[]>[], scope: string): void => {
      for (const enumeration of list) {
        const fullName = `${scope}${text(enumeration, 1)}`;
        const values = messages(enumeration, 2).map((value) => ({
          name: text(value, 1),
          number: integer(value, 2) ?? 0,
        }));
        pool.enums.set(fullName, { fullName, values });
      }
    };
    const addMessages = (list: Map<number, (bigint | Uint8Array)[]>[], scope: string): void => {
      for (const message of list) {
        const fullName = `${scope}${text(message, 1)}`;
        const options = messages(message, 7)[0];
        const fields = messages(message, 2).map((field): FieldDescriptor => {
          const type = FIELD_TYPES[(integer(field, 5) ?? 1) - 1] as FieldType;
          const repeated = integer(field, 4) === 3;
          const fieldOptions = messages(field, 8)[0];
          const packedOption = fieldOptions?.get(2)?.at(-1);
          const scalar = !['string', 'bytes', 'message', 'group'].includes(type);
          const packed =
            repeated &&
            scalar &&
            (typeof packedOption === 'bigint' ? packedOption !== 0n : syntax === 'proto3');
          const proto3Optional = typeof field.get(17)?.at(-1) === 'bigint' && field.get(17)?.at(-1) !== 0n;
          return {
            name: text(field, 1),
            number: integer(field, 3) ?? 0,
            repeated,
            type,
            typeName: text(field, 6).replace(/^\./, ''),
            packed,
            presence:
              syntax !== 'proto3' || proto3Optional || type === 'message' || field.get(9) !== undefined,
          };
        });
        const mapEntry = options?.get(7)?.at(-1) === 1n;
        pool.messages.set(fullName, {
          fullName,
          fields: fields.sort((a, b) => a.number - b.number),
          mapEntry,
        });
        addMessages(messages(message, 3), `${fullName}.`);
        addEnums(messages(message, 4), `${fullName}.`);
      }
    };
    const scope = packageName === '' ? '' : `${packageName}.`;
    addMessages(messages(file, 4), scope);
    addEnums(messages(file, 5), scope);
  }
  return pool;
}

const pools = new Map<string, DescriptorPool>();

/** The descriptor of a message type in a descriptor set file (read once per path), or VRL's error message. */
export function messageDescriptor(
  path: string,
  messageType: string,
): { pool: DescriptorPool; message: MessageDescriptor } | string {
  let pool = pools.get(path);
  if (pool === undefined) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      return `Failed to open protobuf desc file ${JSON.stringify(path)}: ${(error as Error).message}`;
    }
    try {
      pool = decodeDescriptorSet(bytes);
    } catch (error) {
      return `Failed to parse protobuf desc file ${JSON.stringify(path)}: ${(error as Error).message}`;
    }
    pools.set(path, pool);
  }
  const message = pool.messages.get(messageType);
  if (message === undefined) return `The message type '${messageType}' could not be found in '${path}'`;
  return { pool, message };
}

/** A growing buffer of protobuf wire data. */
export class WireWriter {
  private parts: number[] = [];

  varint(value: bigint): void {
    let rest = BigInt.asUintN(64, value);
    while (rest >= 0x80n) {
      this.parts.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.parts.push(Number(rest));
  }

  key(number: number, wireType: number): void {
    this.varint(BigInt(number * 8 + wireType));
  }

  fixed(value: bigint, size: 4 | 8): void {
    let rest = BigInt.asUintN(size * 8, value);
    for (let index = 0; index < size; index++) {
      this.parts.push(Number(rest & 0xffn));
      rest >>= 8n;
    }
  }

  float(value: number, size: 4 | 8): void {
    const buffer = Buffer.alloc(size);
    if (size === 4) buffer.writeFloatLE(value);
    else buffer.writeDoubleLE(value);
    for (const byte of buffer) this.parts.push(byte);
  }

  bytes(value: Uint8Array): void {
    this.varint(BigInt(value.length));
    for (const byte of value) this.parts.push(byte);
  }

  finish(): Buffer {
    return Buffer.from(this.parts);
  }
}
