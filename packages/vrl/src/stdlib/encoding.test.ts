import { describe, expect, it } from 'vitest';
import { compileError, evaluate, runtimeError } from '../test-helpers/evaluate.js';

/** The encoding functions beyond VRL's examples: strictness, binary data, round trips, limits. */

describe('base64 and base16', () => {
  it('decodes strictly, as base64-simd does', () => {
    expect(evaluate('decode_base64!("aGk")')).toBe('hi');
    expect(evaluate('decode_base64!("aGk=====")')).toBe('hi');
    expect(runtimeError('decode_base64!("aG k")')).toContain('unable to decode value from base64');
    expect(runtimeError('decode_base64!("aGl")')).toContain('unable to decode value from base64');
    expect(runtimeError('decode_base64!("a")')).toContain('unable to decode value from base64');
    expect(evaluate('decode_base64!("-_8", charset: "url_safe")')).toBe(evaluate('decode_base64!("+/8")'));
    expect(runtimeError('decode_base64!("aGk", charset: "other")')).toContain('unknown charset');
  });

  it('keeps binary data through encode and decode', () => {
    expect(evaluate('encode_base64(decode_base64!("/wCAgQ=="))')).toBe('/wCAgQ==');
    expect(evaluate('encode_base64(decode_base64!("/wCAgQ=="), padding: false, charset: "url_safe")')).toBe(
      '_wCAgQ',
    );
    expect(evaluate('encode_base16(decode_base16!("FF00aB"))')).toBe('ff00ab');
    expect(runtimeError('decode_base16!("abc")')).toContain('unable to decode value to base16');
  });
});

describe('percent and punycode', () => {
  it('percent-encodes UTF-8 bytes and decodes lossily', () => {
    expect(evaluate('encode_percent("é/a b", ascii_set: "PATH")')).toBe('%C3%A9/a%20b');
    expect(evaluate('decode_percent("%C3%A9%zz%2")')).toBe('é%zz%2');
    expect(evaluate('decode_percent("%FF")')).toBe('\ufffd');
    expect(compileError('encode_percent("a", ascii_set: "NOPE")')).toContain('E401');
  });

  it('punycodes without validation label by label', () => {
    expect(evaluate('encode_punycode!("www.CAFé.com", validate: false)')).toBe('www.xn--caf-dma.com');
    expect(evaluate('decode_punycode!("xn--caf-dma.xn--é", validate: false)')).toBe('café.xn--é');
    expect(runtimeError('encode_punycode!("a b.com")')).toContain('unable to encode to punycode');
  });
});

describe('decode_mime_q', () => {
  it('decodes several words and keeps the text around them', () => {
    expect(evaluate('decode_mime_q!("a =?iso-8859-1?q?caf=E9?= b =?utf-8?B?w6k=?=")')).toBe('a café b é');
  });
  it('fails on an unknown encoding or charset, and leaves text without words as it is', () => {
    expect(runtimeError('decode_mime_q!("=?utf-8?x?abc?=")')).toContain('Invalid encoding: "x"');
    expect(runtimeError('decode_mime_q!("=?nope?q?abc?=")')).toContain('Unable to decode "nope" value');
    expect(evaluate('decode_mime_q!("plain text")')).toBe('plain text');
  });
});

describe('charsets', () => {
  it('encodes and decodes by WHATWG label', () => {
    expect(evaluate('decode_charset!(encode_charset!("日本語", "shift_jis"), "sjis")')).toBe('日本語');
    expect(evaluate('encode_base16(encode_charset!("é", "latin1"))')).toBe('e9');
  });
  it('writes characters the charset lacks as numeric references, as encoding_rs does', () => {
    expect(evaluate('encode_charset!("a☃", "iso-8859-1")')).toBe('a&#9731;');
  });
  it('refuses an unknown label', () => {
    expect(runtimeError('decode_charset!("a", "klingon")')).toContain('Unknown charset: klingon');
  });
});

describe('compression', () => {
  const text = 'hello hello hello hello hello world, hello world, hello world! '.repeat(20);

  it('round-trips compressible and binary data through every codec', () => {
    for (const codec of ['gzip', 'zlib', 'snappy', 'lz4']) {
      const options = codec === 'lz4' ? ', prepended_size: true' : '';
      expect([
        codec,
        evaluate(`t = string!(.text)\ndecode_${codec}!(encode_${codec}!(t)${options})`, { text }),
      ]).toEqual([codec, text]);
      const binary = `b = decode_base64!("/wCAgQ==")\nencode_base64(decode_${codec}!(encode_${codec}!(b)${options}))`;
      expect([codec, evaluate(binary)]).toEqual([codec, '/wCAgQ==']);
    }
    expect(evaluate('t = string!(.text)\ndecode_lz4!(encode_lz4!(t, false))', { text })).toBe(text);
    expect(evaluate('t = string!(.text)\nlength(encode_snappy!(t)) < 200', { text })).toBe(true);
    expect(evaluate('t = string!(.text)\nlength(encode_lz4!(t)) < 200', { text })).toBe(true);
  });

  it('refuses data that is not what it claims', () => {
    expect(runtimeError('decode_gzip!("nope")')).toContain('unable to decode value with Gzip decoder');
    expect(runtimeError('decode_zlib!("nope")')).toContain('unable to decode value with Zlib decoder');
    expect(runtimeError('decode_snappy!("\\u{7f}")')).toContain('unable to decode value with Snappy decoder');
    expect(runtimeError('decode_lz4!("\\u{f0}")')).toContain('unable to decode value with lz4 block decoder');
  });

  it('stops an LZ4 block at buf_size', () => {
    expect(
      runtimeError('t = string!(.text)\ndecode_lz4!(encode_lz4!(t, false), buf_size: 10)', { text }),
    ).toContain('provided output is too small for the decompressed data');
  });

  it('writes gzip headers as flate2 does and refuses levels past 10', () => {
    expect(evaluate('encode_base16(slice!(encode_gzip("a"), 0, 10))')).toBe('1f8b08000000000000ff');
    expect(runtimeError('encode_gzip!("a", compression_level: 11)')).toContain(
      'compression level must be <= 10',
    );
    expect(evaluate('decode_gzip!(encode_gzip("a", 10))')).toBe('a');
  });
});

describe('encode_key_value and encode_logfmt', () => {
  it('flattens nested fields and quotes what needs it', () => {
    expect(
      evaluate('encode_key_value({"a": {"b": [1, 2.5]}, "c": "x y", "d": "q\\"", "e": null, "f": {}})'),
    ).toBe('a.b.0=1 a.b.1=2.5 c="x y" d="q\\"" e=null');
  });
  it('puts ordered fields first and escapes newlines as VRL does', () => {
    expect(evaluate('encode_logfmt!({"z": 1, "a": "l1\\nl2", "t": true, "f": false}, ["z"])')).toBe(
      'z=1 a="l1\\\\nl2" t',
    );
  });
  it('refuses ordering fields that are not strings', () => {
    expect(runtimeError('encode_key_value!({"a": 1}, [1])')).toContain(
      'invalid field value type at index 0: expected string, got integer',
    );
  });
});

describe('encode_csv', () => {
  it('quotes only where needed', () => {
    expect(evaluate('encode_csv!(["a", "b,c", "d\\"e", "f\\ng", ""])')).toBe('a,"b,c","d""e","f\ng",');
    expect(evaluate('encode_csv!([""])')).toBe('""');
    expect(evaluate('encode_csv!(["a;b", "c"], delimiter: ";")')).toBe('"a;b";c');
    expect(runtimeError('encode_csv!(["a"], delimiter: ";;")')).toContain(
      'delimiter must be a single character',
    );
    expect(runtimeError('encode_csv!(["a", 1])')).toContain('expected string, got integer');
  });
});

describe('hashes', () => {
  it('hash the bytes of binary data, not their escapes', () => {
    expect(evaluate('md5(decode_base16!("ff"))')).toBe('00594fd4f42ba43fc1ca0427a0576295');
    expect(evaluate('sha1(decode_base16!("ff"))')).toBe('85e53271e14006f0265921d02d4d736cdc580b0b');
    expect(evaluate('sha2(decode_base16!("ff"), "SHA-256")')).toBe(
      'a8100ae6aa1940d0b663bb31cd466142ebbdbd5187131b92d93818987832eb89',
    );
  });
  it('seahash as the seahash crate', () => {
    // Vectors from the seahash crate's reference tests.
    expect(evaluate('seahash("to be or not to be")')).toBe(1988685042348123509n);
  });
  it('hmac returns raw bytes and refuses unknown algorithms', () => {
    expect(evaluate('encode_base16(hmac("data", "key", "sha1"))')).toBe(
      '104152c5bfdca07bc633eebd46199f0255c9f49d',
    );
    expect(runtimeError('hmac!("a", "k", "MD5")')).toContain('Invalid algorithm: MD5');
  });
});

describe('encrypt and decrypt', () => {
  const key16 = '16_byte_keyxxxxx';
  const key32 = '01234567890123456789012345678912';
  const iv16 = '1234567890123456';

  it('round-trips every algorithm', () => {
    const modes = [
      'CFB',
      'OFB',
      'CTR',
      'CTR-LE',
      'CTR-BE',
      'CBC-PKCS7',
      'CBC-ANSIX923',
      'CBC-ISO7816',
      'CBC-ISO10126',
    ];
    for (const mode of modes) {
      for (const [bits, key] of [
        ['128', key16],
        ['256', key32],
      ]) {
        const algorithm = `AES-${bits}-${mode}`;
        const source = `decrypt!(encrypt!("a secret message of some length", "${algorithm}", "${key}", "${iv16}"), "${algorithm}", "${key}", "${iv16}")`;
        expect([algorithm, evaluate(source)]).toEqual([algorithm, 'a secret message of some length']);
      }
    }
    const aeads: [string, string, string][] = [
      ['CHACHA20-POLY1305', key32, '123456789012'],
      ['XCHACHA20-POLY1305', key32, '123456789012345678901234'],
      ['XSALSA20-POLY1305', key32, '123456789012345678901234'],
      ['AES-128-SIV', key32, iv16],
      ['AES-256-SIV', key32 + key32, iv16],
    ];
    for (const [algorithm, key, iv] of aeads) {
      const source = `decrypt!(encrypt!("message", "${algorithm}", "${key}", "${iv}"), "${algorithm}", "${key}", "${iv}")`;
      expect([algorithm, evaluate(source)]).toEqual([algorithm, 'message']);
    }
  });

  it('checks key and iv sizes, the algorithm, and the padding', () => {
    expect(runtimeError(`encrypt!("a", "AES-256-CFB", "short", "${iv16}")`)).toContain(
      'Invalid key size. Expected 32 bytes. Found 5 bytes',
    );
    expect(runtimeError(`encrypt!("a", "AES-128-CFB", "${key16}", "x")`)).toContain(
      'Invalid iv size. Expected 16 bytes. Found 1 bytes',
    );
    expect(compileError('encrypt!("a", "ROT13", "k", "i")')).toContain('invalid argument "algorithm"');
    expect(
      runtimeError(`decrypt!("0123456789abcdef", "AES-128-CBC-PKCS7", "${key16}", "${iv16}")`),
    ).toContain('Invalid input');
  });

  it('counts CTR blocks as the ctr crate does (64-bit little-endian by default)', () => {
    const le = evaluate(`encode_base16(encrypt!(.text, "AES-128-CTR", "${key16}", "${iv16}"))`, {
      text: 'x'.repeat(40),
    });
    const be = evaluate(`encode_base16(encrypt!(.text, "AES-128-CTR-BE", "${key16}", "${iv16}"))`, {
      text: 'x'.repeat(40),
    });
    // The first block uses the IV as it is in both; later blocks differ.
    expect((le as string).slice(0, 32)).toBe((be as string).slice(0, 32));
    expect((le as string).slice(32)).not.toBe((be as string).slice(32));
  });
});
