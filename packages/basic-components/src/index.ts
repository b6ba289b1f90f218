import { demoLogsSource } from './demo-logs.js';
import { fileSink } from './file-sink.js';
import { internalMetricsSource, prometheusExporterSink } from './metrics.js';
import { blackholeSink, consoleSink } from './sinks.js';
import { stdinSource } from './stdin.js';
import {
  addFieldsTransform,
  jsonParserTransform,
  parseJsonTransform,
  removeFieldsTransform,
} from './transforms.js';

export type { DemoLogsOptions } from './demo-logs.js';
export { demoLine, demoLogsSource } from './demo-logs.js';
export type { FileSinkOptions } from './file-sink.js';
export { createFileSink, fileSink } from './file-sink.js';
export type { InternalMetricsOptions, PrometheusExporterOptions } from './metrics.js';
export { internalMetricsSource, prometheusExporterSink } from './metrics.js';
export type { PrometheusSeries, SeriesValue } from './prometheus-series.js';
export { renderPrometheus } from './prometheus-series.js';
export type { BlackholeOptions, ConsoleOptions } from './sinks.js';
export { blackholeSink, consoleSink, createConsoleSink, paceUntil } from './sinks.js';
export type { StdinOptions } from './stdin.js';
export { createStdinSource, stdinSource } from './stdin.js';
export type { AddFieldsOptions, ParseJsonOptions, PathSegment, RemoveFieldsOptions } from './transforms.js';
export {
  addFieldsTransform,
  getFieldAt,
  insertFieldAt,
  jsonParserTransform,
  parseJsonTransform,
  removeFieldsTransform,
} from './transforms.js';

export default [
  demoLogsSource,
  stdinSource,
  internalMetricsSource,
  consoleSink,
  prometheusExporterSink,
  blackholeSink,
  fileSink,
  addFieldsTransform,
  removeFieldsTransform,
  parseJsonTransform,
  jsonParserTransform,
];
