export type {
  BulkRequestRecord,
  FakeElasticsearch,
  FakeElasticsearchOptions,
  ItemError,
} from './fake-elasticsearch.js';
export { startFakeElasticsearch } from './fake-elasticsearch.js';
