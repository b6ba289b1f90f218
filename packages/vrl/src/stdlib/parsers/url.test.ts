import { describe, expect, it } from 'vitest';
import { callError, evaluate } from '../../test-helpers/outcome.js';

describe('parse_url', () => {
  it('reports what the url crate reports for hosts, ports and fragments', () => {
    expect(evaluate('parse_url!("file:///tmp/x#")')).toEqual({
      value: {
        fragment: '',
        host: null,
        password: '',
        path: '/tmp/x',
        port: null,
        query: {},
        scheme: 'file',
        username: '',
      },
    });
    expect(
      evaluate('parse_url!("http://u:p@[::1]:8080/a%20b?x=1&x=2&y=%E2%82%AC+z", default_known_ports: true)'),
    ).toEqual({
      value: {
        fragment: null,
        host: '[::1]',
        password: 'p',
        path: '/a%20b',
        port: 8080,
        query: { x: '2', y: '€ z' },
        scheme: 'http',
        username: 'u',
      },
    });
    expect(evaluate('parse_url!("mailto:someone@example.com").path')).toEqual({
      value: 'someone@example.com',
    });
  });

  it("ends a file URL's first segment after a drive letter, as the crate does", () => {
    expect(evaluate('parse_url!("file:/u:p@x/a/../b").path')).toEqual({ value: '/u:/p@x/b' });
    expect(evaluate('parse_url!("file://h/c:x").path')).toEqual({ value: '/c:/x' });
    expect(evaluate('parse_url!("file:///c|x").path')).toEqual({ value: '/c|x' });
    expect(evaluate('parse_url!("file:c:").path')).toEqual({ value: '/c:' });
  });

  it.each([
    ['example.com/path', 'relative URL without a base'],
    ['http://', 'empty host'],
    ['http://example.com:99999/', 'invalid port number'],
    ['http://example.com:80a/', 'invalid port number'],
    ['http://[::1/', 'invalid IPv6 address'],
    ['http://1.2.3.999/', 'invalid IPv4 address'],
    ['http://exa mple.com/', 'invalid domain character'],
    ['http://xn--a.com/', 'invalid international domain name'],
    // The host is read before the port, so its error comes first.
    ['foo://a b:99999', 'invalid domain character'],
    ['http://xn--a:99999/', 'invalid international domain name'],
    ['http://[zz]:99999/', 'invalid IPv6 address'],
    ['http://[::1]x:80', 'invalid IPv6 address'],
    ['http://[::1]:80x', 'invalid port number'],
    ['foo://u:p@:80/p', 'empty host'],
    ['http://a:b:c/', 'invalid port number'],
    ['file://u@xn--a:x/a', 'invalid domain character'],
    ['file://xn--a/x', 'invalid international domain name'],
  ])('refuses %s: %s', (url, reason) => {
    expect(callError(`parse_url!(${JSON.stringify(url)})`)).toBe(`unable to parse url: ${reason}`);
  });
});

describe('parse_query_string', () => {
  it('keeps one leading ? for the pairs, decodes + and escapes, gathers repeated keys', () => {
    expect(evaluate('parse_query_string("??a=1&a=2&&a=3&b=%2B+%ZZ&=empty")')).toEqual({
      value: { '?a': '1', a: ['2', '3'], b: '+ %ZZ', '': 'empty' },
    });
  });
});
