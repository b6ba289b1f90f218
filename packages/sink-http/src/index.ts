import { httpSink } from './sink.js';

export type { HttpSinkOptions } from './options.js';
export { deprecatedOptions, optionsSchema } from './options.js';
export { classifyHttpError, createHttpSink, httpSink } from './sink.js';

export default [httpSink];
