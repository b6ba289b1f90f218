export type { Codec, CsvOptions, EncodingConfig, TimestampFormat } from './codecs/config.js';
export { codecOf, encodingOptionSchema, encodingProblems } from './codecs/config.js';
export { EncodingError } from './codecs/errors.js';
export { rfc3339 } from './codecs/scalars.js';
export type { ParseSyslogOptions, SyslogFields } from './codecs/syslog/parse-syslog.js';
export { parseSyslog, SyslogParseError, SyslogTimestamp } from './codecs/syslog/parse-syslog.js';
export { parseSyslogLine } from './codecs/syslog/syslog-line.js';
export { textOf } from './codecs/text.js';
export type { DecodeResult, Decoder, DecodingCodec, DecodingConfig } from './decoding.js';
export { createDecoder, decodingOptionSchema, defaultDelimiterOf } from './decoding.js';
export type { Encoder } from './encoder.js';
export { createEncoder } from './encoder.js';
export type {
  FramedChunk,
  Framer,
  FramerDefaults,
  FramingConfig,
  FramingMethod,
  NewlineFramerOptions,
  OversizedAction,
} from './framing.js';
export {
  BytesFramer,
  createFramer,
  DEFAULT_MAX_FRAME_LENGTH,
  DEFAULT_MAX_LENGTH,
  frameLengthLimit,
  framingOptionSchema,
  MAX_FRAME_LENGTH_CEILING,
  NewlineFramer,
  OctetCountingFramer,
  PrefixedFramer,
} from './framing.js';
export type { ExactJsonOptions, UnsignedBeyondI64 } from './json-numbers.js';
export { jsonNeedsExactNumbers, parseJsonExact } from './json-numbers.js';
export { displayNumber } from './numbers.js';
export type { FramedBatch, FramedEncoder, SinkFramingConfig, SinkFramingMethod } from './sink-framing.js';
export { createFramedEncoder, sinkFramingOptionSchema } from './sink-framing.js';
export type { SourceDecodingOptions } from './source-decoding.js';
export { EVENT_OVERHEAD_BYTES, SourceDecoding } from './source-decoding.js';
export {
  fixedZone,
  formatStrftime,
  isDynamicStrftime,
  parseStrftime,
  type StrftimeItem,
  type StrftimeZone,
  UTC_ZONE,
} from './strftime.js';
export type { Template, TemplateOptions } from './template.js';
export { parseTemplate, TemplateError, timezoneOffsetMinutes } from './template.js';
