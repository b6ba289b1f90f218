export type { DeliveryStatus } from './acknowledgements.js';
export { attachFinalizer, EventFinalizer, finalizeEvents, worstStatus } from './acknowledgements.js';
export type {
  BufferCapabilities,
  BufferContext,
  BufferDefinition,
  BufferStage,
  BufferUsage,
  WhenFull,
} from './buffer.js';
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
  OptionProblem,
  OutputBatches,
  RejectedOutput,
  Rejection,
  Sink,
  SinkDefinition,
  SinkInput,
  Source,
  SourceDefinition,
  Transform,
  TransformDefinition,
  TransformOutputs,
  ValidationContext,
} from './components.js';
export {
  defineSink,
  defineSource,
  defineTransform,
  refuseInvalidOptions,
  rejectedEvent,
  SPECIFICATION_VERSION,
} from './components.js';
export type { DirectoryLock, DirectoryLockOptions } from './directory-lock.js';
export { lockDirectory } from './directory-lock.js';
export type { ConfigProblem, ErrorCategory, KnownErrorCode } from './errors.js';
export {
  ConfigError,
  ErrorCode,
  errorCatalogue,
  errorCategoryOf,
  formatConfigProblem,
  SluiceError,
} from './errors.js';
export type { Batch, CreateLogEventOptions, EventMetadata, FieldMap, FieldValue, LogEvent } from './event.js';
export {
  byteSizeOf,
  cloneLogEvent,
  cloneValue,
  createLogEvent,
  EVENT_OVERHEAD_BYTES,
  estimateByteSize,
  getField,
  isFieldMap,
  removeField,
  setField,
} from './event.js';
export { NESTING_LIMIT, NestingLimitError, nestsTooDeep } from './nesting.js';
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
  rateLimitedLogPerCode,
  rateLimitLogger,
  silentLogger,
  suppressedNote,
} from './observability.js';
export type { RejectionReason } from './rejection.js';
export { createRejecter } from './rejection.js';
export { Signal, sleep, untilAborted } from './signal.js';
export {
  copyDate,
  currentTimestamp,
  FloatValue,
  floatValue,
  numberOf,
  submillisecondNanosOf,
  Timestamp,
} from './values.js';
