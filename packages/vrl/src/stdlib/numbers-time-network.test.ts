import { describe, expect, it } from 'vitest';
import { compileError, evaluate, runtimeError } from '../test-helpers/evaluate.js';
import { FloatValue } from '../value/markers.js';

/** Math, time, IP, syslog, UUID and random functions beyond VRL's examples. */

describe('rounding and abs', () => {
  it('rounds halves away from zero, as Rust does', () => {
    expect(evaluate('round(-2.5)')).toEqual(new FloatValue(-3));
    expect(evaluate('round(2.5)')).toEqual(new FloatValue(3));
    expect(evaluate('floor(-4.345, precision: 2)')).toBe(-4.35);
    expect(evaluate('ceil(-4.345, precision: 2)')).toBe(-4.34);
    expect(evaluate('round(7)')).toBe(7);
  });
  it('keeps i64::MIN as Rust release builds do', () => {
    expect(evaluate('abs(-9223372036854775807 - 1)')).toBe(-(2n ** 63n));
    expect(evaluate('abs(-0.0)')).toEqual(new FloatValue(0));
  });
});

describe('to_int of a string', () => {
  it("reads as Rust's str::parse::<i64>, short and long, signs and zeros", () => {
    expect(evaluate('to_int!("-0")')).toBe(0);
    expect(Object.is(evaluate('to_int!("-0")'), -0)).toBe(false);
    expect(evaluate('to_int!("+0042")')).toBe(42);
    expect(evaluate('to_int!("-999999999999999")')).toBe(-999999999999999);
    expect(evaluate('to_int!("9007199254740993")')).toBe(9007199254740993n);
    expect(evaluate('to_int!("-9223372036854775808")')).toBe(-(2n ** 63n));
    expect(runtimeError('to_int!("9223372036854775808")')).toContain(
      'number too large to fit in target type',
    );
    expect(runtimeError('to_int!("1.5")')).toContain('invalid digit found in string');
    expect(runtimeError('to_int!("-")')).toContain('invalid digit found in string');
  });
});

describe('unix timestamps', () => {
  it('converts in every unit, keeping nanoseconds', () => {
    expect(
      evaluate('to_unix_timestamp(from_unix_timestamp!(1609459200123456789, "nanoseconds"), "nanoseconds")'),
    ).toBe(1609459200123456789n);
    expect(evaluate('to_unix_timestamp(from_unix_timestamp!(-1500, "milliseconds"), "seconds")')).toBe(-2);
    expect(evaluate('to_unix_timestamp(from_unix_timestamp!(-1, "microseconds"), "microseconds")')).toBe(-1);
    expect(evaluate('to_string(from_unix_timestamp!(1, "microseconds"))')).toBe(
      '1970-01-01T00:00:00.000001Z',
    );
  });
  it("refuses times outside chrono's range and nanoseconds past i64", () => {
    expect(runtimeError('from_unix_timestamp!(9223372036854775807)')).toContain(
      'unable to coerce 9223372036854775807 into timestamp',
    );
    expect(runtimeError('to_unix_timestamp(from_unix_timestamp!(9999999999), "nanoseconds")')).toContain(
      "can't convert out of range timestamp",
    );
    expect(compileError('from_unix_timestamp(1, "hours")')).toContain('E401');
  });
  it('names the time zone the program runs in', () => {
    expect(evaluate('get_timezone_name!()')).toBe('UTC');
  });
});

describe('IP addresses', () => {
  it("parses as Rust's std::net does", () => {
    expect(evaluate('is_ipv4("01.2.3.4")')).toBe(false);
    expect(evaluate('is_ipv4("1.2.3.256")')).toBe(false);
    expect(evaluate('is_ipv6("::ffff:1.2.3.4")')).toBe(true);
    expect(evaluate('is_ipv6("1:2:3:4:5:6:7::")')).toBe(true);
    expect(evaluate('is_ipv6("1::2::3")')).toBe(false);
    expect(evaluate('is_ipv6("12345::")')).toBe(false);
  });
  it('prints IPv6 per RFC 5952, as Rust does', () => {
    expect(evaluate('ip_ntop!(ip_pton!("2001:0DB8:0:0:1:0:0:1"))')).toBe('2001:db8::1:0:0:1');
    expect(evaluate('ip_to_ipv6!("::")')).toBe('::');
    expect(evaluate('ipv6_to_ipv4!("::1.2.3.4")')).toBe('1.2.3.4');
    expect(runtimeError('ipv6_to_ipv4!("2001:db8::1")')).toContain(
      'IPV6 address 2001:db8::1 is not compatible with IPV4',
    );
  });
  it('masks by prefix or net mask', () => {
    expect(evaluate('ip_subnet!("192.168.10.32", "/0")')).toBe('192.168.10.32');
    expect(evaluate('ip_subnet!("2001:db8::1", "ffff::")')).toBe('2001::');
    expect(runtimeError('ip_subnet!("1.2.3.4", "/33")')).toContain(
      'subnet cannot be greater than 32 for ipv4 addresses',
    );
    expect(runtimeError('ip_subnet!("1.2.3.4", "ffff::")')).toContain(
      'attempting to mask an ipv4 address with an ipv6 mask',
    );
  });
  it('checks CIDR blocks, refusing invalid literal ones at compile time', () => {
    expect(evaluate('x = "10.0.0.0/8"\nip_cidr_contains!(x, "10.1.2.3")')).toBe(true);
    expect(evaluate('ip_cidr_contains!("10.1.2.3", "10.1.2.3")')).toBe(true);
    expect(compileError('ip_cidr_contains("10.1.2.3/8", "10.1.2.3")')).toContain('"cidr" must be valid cidr');
    expect(evaluate('ip_ntoa!(ip_aton!("255.255.255.255"))')).toBe('255.255.255.255');
    expect(runtimeError('ip_ntoa!(4294967296)')).toContain('integer does not fit in u32');
  });
  it('computes Community IDs with the reference vectors', () => {
    // From the Community ID specification's baseline (tcp, udp, icmp one-way).
    expect(
      evaluate(
        'community_id!("128.232.110.120", "66.35.250.204", 6, source_port: 34855, destination_port: 80)',
      ),
    ).toBe('1:LQU9qZlK+B5F3KDmev6m5PMibrg=');
    expect(
      evaluate(
        'community_id!("66.35.250.204", "128.232.110.120", 6, source_port: 80, destination_port: 34855)',
      ),
    ).toBe('1:LQU9qZlK+B5F3KDmev6m5PMibrg=');
    expect(runtimeError('community_id!("1.2.3.4", "5.6.7.8", 6)')).toContain(
      'src port and dst port should be set when protocol is tcp/udp/sctp',
    );
  });
});

describe('syslog names', () => {
  it('maps codes and names both ways', () => {
    expect(evaluate('to_syslog_severity!("warn")')).toBe(4);
    expect(evaluate('to_syslog_level!(0)')).toBe('emerg');
    expect(evaluate('to_syslog_facility!(23)')).toBe('local7');
    expect(runtimeError('to_syslog_level!(-1)')).toContain('severity level -1 not valid');
  });
});

describe('UUIDs and random values', () => {
  it('makes UUIDs of the right shape and version', () => {
    expect(evaluate('uuid_v4()')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(evaluate('uuid_v7()')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
  it("puts VRL's (late) time in uuid_v7", () => {
    // VRL cuts the nanoseconds since the epoch to 32 bits and takes them as sub-second nanoseconds.
    expect(evaluate("uuid_v7(t'2020-12-30T22:20:53.824727Z')")).toMatch(/^0176b5bd-5d19-7/);
  });
  it('decodes friendly ids and refuses bad ones', () => {
    expect(evaluate('uuid_from_friendly_id!("0")')).toBe('00000000-0000-0000-0000-000000000000');
    expect(runtimeError('uuid_from_friendly_id!("ab-c")')).toContain("invalid byte b'-' at index 2");
  });
  it('draws within the range and refuses empty ranges', () => {
    for (let round = 0; round < 50; round++) {
      const value = evaluate('random_int(-2, 2)') as number;
      expect(value >= -2 && value < 2).toBe(true);
      const float = evaluate('random_float(1.0, 1.5)') as number;
      expect(float >= 1 && float < 1.5).toBe(true);
    }
    expect(compileError('random_int(5, 5)')).toContain('max must be greater than min');
    expect(compileError('random_bytes(65537)')).toContain('Length is too large. Maximum is 64k');
    expect(evaluate('length(random_bytes(100))')).toBe(100);
  });
});

describe('haversine and shannon_entropy', () => {
  it('fails at runtime on integers passed for coordinates', () => {
    expect(runtimeError('haversine!(.x, 0.0, 1.0, 1.0)', { x: 0 })).toContain('expected float, got integer');
  });
  it('measures byte, code point and grapheme entropy', () => {
    expect(evaluate('shannon_entropy("aaaa")')).toEqual(new FloatValue(0));
    expect(evaluate('shannon_entropy("ab")')).toEqual(new FloatValue(1));
    expect(evaluate('shannon_entropy("éé", segmentation: "codepoint")')).toEqual(new FloatValue(0));
    expect(evaluate('shannon_entropy("éé")')).toEqual(new FloatValue(1));
  });
});
