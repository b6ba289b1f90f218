import { elasticsearchSink } from './sink.js';

export { ownOptions, problemsOf, requestOptions } from './options.js';
export type { ElasticsearchSinkOptions } from './sink.js';
export { elasticsearchSink } from './sink.js';

export default [elasticsearchSink];
