import { describe, expect, it } from 'vitest';
import { compileError, evaluate, runtimeError } from '../test-helpers/evaluate.js';

const data = new URL('../../test-data/protobuf/', import.meta.url).pathname;
const test = `"${data}test.desc"`;

function hex(value: string, message: string, options = ''): unknown {
  return evaluate(`encode_base16(encode_proto!(${value}, ${test}, "test.v1.${message}"${options}))`);
}

describe('encode_proto', () => {
  it("encodes VRL's example and VRL's sample messages byte for byte", () => {
    expect(
      evaluate(
        `encode_base64(encode_proto!({ "name": "someone", "phones": [{"number": "123456"}]}, "${data}test_protobuf.desc", "test_protobuf.v1.Person"))`,
      ),
    ).toBe('Cgdzb21lb25lIggKBjEyMzQ1Ng==');
    expect(
      evaluate(
        `encode_base64(encode_proto!({"name": "Someone", "phones": [{"number": "123-456"}]}, "${data}test_protobuf.desc", "test_protobuf.v1.Person"))`,
      ),
    ).toBe('CgdTb21lb25lIgkKBzEyMy00NTY=');
    expect(
      evaluate(
        `encode_base64(encode_proto!({"name": "Someone", "phones": [{"number": "123-456", "type": "phone_type_mobile"}]}, "${data}test_protobuf3.desc", "test_protobuf3.v1.Person"))`,
      ),
    ).toBe('CgdTb21lb25lMgsKBzEyMy00NTYQAQ==');
  });

  it('writes integers of every width, from integers or strings', () => {
    const expected = '08aef6ffffffffffffff0110ecb2ffffffffffffff0118d20920944d';
    expect(hex('{"i32": -1234, "i64": -9876, "u32": 1234, "u64": 9876}', 'Integers')).toBe(expected);
    expect(hex('{"i32": "-1234", "i64": "-9876", "u32": "1234", "u64": "9876"}', 'Integers')).toBe(expected);
    expect(runtimeError(`encode_proto!({"u32": "-1"}, ${test}, "test.v1.Integers")`)).toContain(
      "Error converting u32 field: Can't convert '-1' to u32: invalid digit found in string",
    );
  });

  it('leaves out proto3 defaults and null fields, packs repeated scalars', () => {
    expect(hex('{"i32": 0, "i64": null, "u32": "0"}', 'Integers')).toBe('');
    expect(hex('{"numbers": [1, 2, 3]}', 'RepeatedPrimitive')).toBe('0a03010203');
    expect(hex('{"d": 1, "f": "2.0"}', 'Floats')).toBe('09000000000000f03f1500000040');
    expect(hex('{"b": "yes"}', 'Booleans')).toBe('0801');
  });

  it('writes maps, enums by name (any case) and timestamps', () => {
    expect(hex('{"names": {"a": 1}}', 'Map')).toBe('0a050a01611001');
    expect(hex('{"breakfast": "fruit_olive", "lunch": 2}', 'Enum')).toBe('08011002');
    expect(hex('{"morning": t\'1970-01-01T00:00:01.5Z\'}', 'Timestamp')).toBe('0a0808011080cab5ee01');
    expect(runtimeError(`encode_proto!({"breakfast": "pear"}, ${test}, "test.v1.Enum")`)).toContain(
      "Enum `test.v1.Enum.Fruit` has no value that matches string 'pear'",
    );
  });

  it('coerces to strings only when allowed', () => {
    expect(hex('{"text": 12}', 'Bytes')).toBe('0a023132');
    expect(runtimeError(`encode_proto!({"text": 12}, ${test}, "test.v1.Bytes", false)`)).toContain(
      'Error converting text field: Cannot encode `integer` into protobuf `String`',
    );
    expect(runtimeError(`encode_proto!({"text": [1]}, ${test}, "test.v1.Bytes")`)).toContain(
      'Cannot encode array into a non-repeated protobuf field',
    );
  });

  it('refuses an unknown message type or descriptor file at compile time', () => {
    expect(compileError(`encode_proto!({}, ${test}, "test.v1.Nope")`)).toContain(
      "The message type 'test.v1.Nope' could not be found in",
    );
    expect(compileError(`encode_proto!({}, "${data}absent.desc", "test.v1.Nope")`)).toContain(
      'Failed to open protobuf desc file',
    );
  });
});
