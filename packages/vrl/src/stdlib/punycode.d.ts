/** The userland `punycode` package (RFC 3492), imported by path: the bare name is Node's deprecated built-in.
 * Its users reference this file, so packages that type-check this source (the `@sluice/source`
 * condition) see it too. */
declare module 'punycode/punycode.js' {
  const punycode: {
    encode(input: string): string;
    decode(input: string): string;
  };
  export default punycode;
}
