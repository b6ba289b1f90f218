import { fileURLToPath } from 'node:url';
import { unreadOptions } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { problemsOf } from './options.js';
import { elasticsearchSink } from './sink.js';
import { options } from './test-helpers/options.js';

const directory = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const pathsOf = (
  overrides: Parameters<typeof options>[1],
  endpoints: string[] | undefined = ['http://es:9200'],
) => problemsOf(options(endpoints, overrides)).map((problem) => problem.path);

describe('elasticsearch options', () => {
  it('accepts the defaults with one endpoint (no scheme: https)', () => {
    expect(pathsOf({})).toEqual([]);
    expect(pathsOf({}, ['es.example.com:9243'])).toEqual([]);
  });

  it('refuses what Vector refuses: endpoint and endpoints, neither, credentials twice, versions, serverless', () => {
    expect(pathsOf({ endpoint: 'http://a:9200' })).toEqual(['endpoint']);
    expect(problemsOf(options(undefined)).map((problem) => problem.path)).toEqual(['endpoints']);
    expect(
      pathsOf({ auth: { strategy: 'basic', user: 'u', password: 'p' } }, ['http://x:y@es:9200']),
    ).toEqual(['auth']);
    expect(pathsOf({}, ['ftp://es'])).toEqual(['endpoints']);
    expect(pathsOf({ bulk: { version: '{{ v }}' } })).toEqual(['bulk.version']);
    expect(pathsOf({ bulk: { version_type: 'external' } })).toEqual(['bulk.version']);
    expect(pathsOf({ bulk: { version: '{{ v }}', version_type: 'external' } })).toEqual(['id_key']);
    expect(pathsOf({ opensearch_service_type: 'serverless', api_version: 'v8' })).toEqual([
      'auth',
      'api_version',
    ]);
  });

  it('parses the templates of the active mode at start, naming the option', () => {
    expect(problemsOf(options(['http://es'], { bulk: { index: 'logs-%Q' } }))).toEqual([
      { path: 'bulk.index', message: 'template: invalid strftime specifier "%Q"' },
    ]);
    expect(
      pathsOf({ mode: 'data_stream', bulk: { index: 'logs-%Q' }, data_stream: { dataset: '{{ }}' } }),
    ).toEqual(['data_stream.dataset']);
  });

  it('reads every option its schema documents', () => {
    const readers = [
      directory('.'),
      directory('../../sink-kit/src'),
      directory('../../aws/src'),
      directory('../../encoding/src'),
    ];
    // Accepted for Vector compatibility, documented as without effect.
    const ignored = ['dangerously_allow_unconfined_template_resolution', 'endpoint'];
    expect(unreadOptions(elasticsearchSink.optionsSchema, readers, ignored)).toEqual([]);
  });
});
