/** snappyjs (pure JavaScript Snappy, raw format) ships no types. */
declare module 'snappyjs' {
  const snappy: {
    compress(input: Buffer): Buffer;
    uncompress(input: Buffer, maxLength?: number): Buffer;
  };
  export default snappy;
}
