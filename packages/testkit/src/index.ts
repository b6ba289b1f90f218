export type { LogRecord, TestBufferContext, TestComponentContext } from './context.js';
export {
  createTestBufferContext,
  createTestContext,
  metricKey,
  RecordingLogger,
  RecordingMetrics,
} from './context.js';
