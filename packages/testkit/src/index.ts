export type { TestCertificates } from './certificates.js';
export { createTestCertificates } from './certificates.js';
export type { TestBufferOptions, TestSinkOptions, TestSourceOptions } from './conformance.js';
export { testBuffer, testSink, testSource } from './conformance.js';
export type { LogRecord, TestBufferContext, TestComponentContext } from './context.js';
export {
  createTestBufferContext,
  createTestContext,
  metricKey,
  RecordingLogger,
  RecordingMetrics,
} from './context.js';
export { batchesOf, ControllableInput, collect, inputOf, makeEvents, trackStatuses } from './events.js';
export { hostileEvents, hostileFrames, nestedFields, nestedJson } from './hostile.js';
export { schemaOptionNames, unreadOptions } from './options-read.js';
export { startedForTest } from './servers.js';
