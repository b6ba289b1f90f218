/** An event the codec cannot write (Vector's serializer errors, e.g. gelf without `host`). */
export class EncodingError extends Error {
  override readonly name = 'EncodingError';
}
