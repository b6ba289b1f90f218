import { NestingLimitError } from '@sluice/component-api';

/** An event the codec cannot write (Vector's serializer errors, e.g. gelf without `host`). */
export class EncodingError extends Error {
  override readonly name = 'EncodingError';
}

/** An event nested `NESTING_LIMIT` deep or more: refused by every codec rather than recursed into. */
export function tooDeep(): EncodingError {
  return new EncodingError(new NestingLimitError('event').message);
}
