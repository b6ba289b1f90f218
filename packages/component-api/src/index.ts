export type { DeliveryStatus } from './acknowledgements.js';
export { attachFinalizer, EventFinalizer, finalizeEvents, worstStatus } from './acknowledgements.js';
export type { BufferContext, BufferDefinition, BufferStage, BufferUsage, WhenFull } from './buffer.js';
export { defineBuffer } from './buffer.js';
export type {
  ComponentContext,
  ComponentDefinition,
  ComponentKind,
  DataType,
  Emit,
  HealthcheckResult,
  InternalMetricSample,
  JsonSchema,
  RejectedOutput,
  Rejection,
  Sink,
  SinkDefinition,
  SinkInput,
  Source,
  SourceDefinition,
  Transform,
  TransformDefinition,
} from './components.js';
export {
  defineSink,
  defineSource,
  defineTransform,
  rejectedEvent,
  SPECIFICATION_VERSION,
} from './components.js';
export type { ConfigProblem, KnownErrorCode } from './errors.js';
export { ConfigError, ErrorCode, formatConfigProblem, SluiceError } from './errors.js';
export type { Batch, CreateLogEventOptions, EventMetadata, FieldMap, FieldValue, LogEvent } from './event.js';
export {
  cloneLogEvent,
  createLogEvent,
  estimateByteSize,
  getField,
  removeField,
  setField,
} from './event.js';
export type {
  ComponentMetrics,
  Counter,
  Gauge,
  Histogram,
  Logger,
  LogLevel,
  LogRateLimitOptions,
  MetricLabels,
} from './observability.js';
export {
  LOG_RATE_LIMIT_MS,
  LogRateLimiter,
  rateLimitedLog,
  rateLimitLogger,
  silentLogger,
  suppressedNote,
} from './observability.js';
export { Signal, sleep } from './signal.js';
