import { httpSink } from './sink.js';

export type { HttpSinkOptions } from './options.js';
export { optionsSchema } from './options.js';
export { classifyHttpError, createHttpSink, httpSink } from './sink.js';

export default [httpSink];
