/** The userland `punycode` package (RFC 3492), imported by path: the bare name is Node's deprecated built-in. */
declare module 'punycode/punycode.js' {
  const punycode: {
    encode(input: string): string;
    decode(input: string): string;
  };
  export default punycode;
}
