export type { Codec, Encoder, EncodingConfig, TimestampFormat } from './encoder.js';
export { createEncoder, encodingOptionSchema, textOf } from './encoder.js';
export type { FramedChunk, NewlineFramerOptions, OversizedAction } from './framing.js';
export { DEFAULT_MAX_LENGTH, framingOptionSchema, NewlineFramer } from './framing.js';
