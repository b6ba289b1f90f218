import { elasticsearchSink } from './sink.js';

export type { ElasticsearchSinkOptions } from './options.js';
export { ownOptions, problemsOf, requestOptions } from './options.js';
export { elasticsearchSink } from './sink.js';

export default [elasticsearchSink];
