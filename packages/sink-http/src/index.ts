import { httpSink } from './sink.js';

export { deprecatedOptions, ownOptions, requestOptions } from './options.js';
export type { HttpSinkOptions } from './sink.js';
export { createHttpSink, httpSink, problemsOf } from './sink.js';

export default [httpSink];
