import { createLogEvent } from '@sluice/component-api';
import { createTestContext, makeEvents, testSink } from '@sluice/testkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ownOptions } from './options.js';
import { elasticsearchSink } from './sink.js';
import { type Overrides, options } from './test-helpers/options.js';
import { closeFakes, fake, run } from './test-helpers/run.js';
import { startFakeElasticsearch } from './testing/fake-elasticsearch.js';

afterEach(closeFakes);

/** A deterministic generator in [0, 1) (mulberry32): the same faults in every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const conformance = await startFakeElasticsearch();
afterAll(() => conformance.close());
testSink(elasticsearchSink, {
  options: () => options([conformance.url], { api_version: 'v8' }),
  verifyDelivered: (events) => {
    const stored = new Set(conformance.documents().map((document) => document.message));
    for (const event of events) expect(stored.has(event.fields.message)).toBe(true);
  },
  // A cluster that refuses the credentials: 401, not retried.
  failures: {
    makeFailing: async () =>
      options([(await fake({ basic: { user: 'elastic', password: 'right' } })).url], { api_version: 'v8' }),
  },
  stalling: {
    makeStalling: async () => {
      const stalled = await fake();
      stalled.stall();
      return options([stalled.url], { api_version: 'v8' });
    },
  },
});

describe('elasticsearch: per-document results', () => {
  it('acceptance: 10 % of items answered 429 and 1 % 400 — each event indexed exactly once or rejected with its reason, counted, routed', async () => {
    const random = seeded(25);
    const bad = (message: unknown) => Number(String(message).split(' ')[1]) % 100 === 42;
    const destination = await fake({
      itemFault: (document) => {
        if (bad(document.message))
          return { status: 400, type: 'mapper_parsing_exception', reason: 'failed to parse field [message]' };
        return random() < 0.1
          ? { status: 429, type: 'es_rejected_execution_exception', reason: 'rejected execution' }
          : undefined;
      },
    });
    const events = makeEvents(5000);
    const { statuses, context, routed } = await run(
      options([destination.url], { api_version: 'v8', request_retry_partial: true }),
      events,
    );
    const rejectedCount = events.filter((event) => bad(event.fields.message)).length;
    expect(rejectedCount).toBe(50);
    // Every good event stored exactly once; no bad one stored.
    const stored = destination.documents().map((document) => String(document.message));
    expect(stored).toHaveLength(5000 - rejectedCount);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.some(bad)).toBe(false);
    expect(statuses.filter((status) => status === 'delivered')).toHaveLength(5000 - rejectedCount);
    expect(statuses.filter((status) => status === 'rejected')).toHaveLength(rejectedCount);
    // Counted, by Elasticsearch's error type, and as discarded.
    expect(
      context.metrics.total('elasticsearch_failed_records_total', { error_code: 'mapper_parsing_exception' }),
    ).toBe(rejectedCount);
    expect(context.metrics.total('component_discarded_events_total')).toBe(rejectedCount);
    expect(context.metrics.total('component_sent_events_total')).toBe(5000 - rejectedCount);
    expect(context.metrics.total('elasticsearch_retries_total')).toBeGreaterThan(400);
    // Routed to es_out.rejected with the reason.
    expect(routed.map((event) => String(event.fields.message)).sort()).toEqual(
      events
        .filter((event) => bad(event.fields.message))
        .map((event) => String(event.fields.message))
        .sort(),
    );
    expect(routed[0]?.fields.rejection).toMatchObject({
      sink_id: 'es_out',
      error_code: 'mapper_parsing_exception',
      error_message: 'mapper_parsing_exception: failed to parse field [message]',
    });
  });

  it("with request_retry_partial = false (Vector's default; Sluice retries by default) rejects the 429 and 5xx items at once and keeps the indexed ones", async () => {
    expect(ownOptions.properties.request_retry_partial.default).toBe(true);
    let draw = 0;
    const destination = await fake({
      itemFault: () =>
        ++draw % 5 === 0
          ? { status: 503, type: 'unavailable_shards_exception', reason: 'primary shard is not active' }
          : undefined,
    });
    const { statuses, routed } = await run(
      options([destination.url], { api_version: 'v8', request_retry_partial: false }),
      makeEvents(50),
    );
    expect(statuses.filter((status) => status === 'rejected')).toHaveLength(10);
    expect(destination.documents()).toHaveLength(40);
    expect(routed[0]?.fields.rejection).toMatchObject({ error_code: 'unavailable_shards_exception' });
  });

  it('retries a whole request answered 429 or 503, rejects one answered 400 with its body', async () => {
    const destination = await fake();
    destination.failNext(2, 503);
    const retried = await run(options([destination.url], { api_version: 'v8' }), makeEvents(3));
    expect(retried.statuses).toEqual(['delivered', 'delivered', 'delivered']);
    expect(destination.documents()).toHaveLength(3);
    destination.failNext(1, 400);
    const refused = await run(options([destination.url], { api_version: 'v8' }), makeEvents(2));
    expect(refused.statuses).toEqual(['rejected', 'rejected']);
    expect(refused.routed[0]?.fields.rejection).toMatchObject({ error_code: 'http_400' });
  });

  it('rejects a document that creates an existing id (409) with its reason', async () => {
    const destination = await fake();
    const events = [createLogEvent({ message: 'a', id: 'one' }), createLogEvent({ message: 'b', id: 'one' })];
    const { statuses, routed } = await run(
      options([destination.url], { api_version: 'v8', id_key: 'id', bulk: { action: 'create' } }),
      events,
    );
    expect(statuses.sort()).toEqual(['delivered', 'rejected']);
    expect(routed[0]?.fields.rejection).toMatchObject({ error_code: 'version_conflict_engine_exception' });
  });
});

describe('elasticsearch: bulk requests', () => {
  it('renders the index and action per event; a missing field falls back or rejects the event', async () => {
    const destination = await fake();
    const at = new Date(Date.UTC(2024, 2, 5, 12));
    const events = [
      createLogEvent({ message: 'm1', service: 'api', op: 'create', timestamp: at }),
      createLogEvent({ message: 'm2', op: 'index', timestamp: at }),
      createLogEvent({ message: 'm3', service: 'api', op: 'delete', timestamp: at }),
    ];
    const bulk = { index: 'app-{{ service }}-%Y.%m.%d', action: '{{ op }}' };
    const { statuses, routed, context } = await run(
      options([destination.url], { api_version: 'v8', bulk }),
      events,
    );
    expect(statuses).toEqual(['delivered', 'rejected', 'rejected']);
    expect([...destination.indices.keys()]).toEqual(['app-api-2024.03.05']);
    expect(routed.map((event) => event.fields.rejection)).toEqual([
      expect.objectContaining({
        error_code: 'template_failed',
        error_message: 'bulk.index "app-{{ service }}-%Y.%m.%d": missing service',
      }),
      expect.objectContaining({
        error_code: 'template_failed',
        error_message: 'bulk.action "delete" is not index, create or update',
      }),
    ]);
    expect(context.metrics.total('component_errors_total', { error_type: 'template_failed' })).toBe(2);
    const fallback = await run(
      options([destination.url], {
        api_version: 'v8',
        bulk: { ...bulk, template_fallback_index: 'unrouted' },
      }),
      [createLogEvent({ message: 'm4', op: 'index' })],
    );
    expect(fallback.statuses).toEqual(['delivered']);
    expect(destination.indices.get('unrouted')?.size).toBe(1);
  });

  it('sends _id from id_key (removed from the document), external versions, pipeline, query, timeout and headers', async () => {
    const destination = await fake();
    const events = [
      createLogEvent({ message: 'a', meta: { id: 'doc-1' }, v: 7 }),
      createLogEvent({ message: 'b', meta: { id: 2 }, v: 3 }),
    ];
    await run(
      options([destination.url], {
        api_version: 'v8',
        id_key: 'meta.id',
        pipeline: 'geoip',
        query: { refresh: 'true', routing: ['a', 'b'] },
        bulk: { version: '{{ v }}', version_type: 'external_gte' },
        request: { headers: { 'x-tenant': 'shop' }, timeout_secs: 30 },
      }),
      events,
    );
    const [request] = destination.bulkRequests;
    expect(request?.query.get('pipeline')).toBe('geoip');
    expect(request?.query.get('timeout')).toBe('30s');
    expect(request?.query.getAll('routing')).toEqual(['a', 'b']);
    expect(request?.query.get('refresh')).toBe('true');
    expect(request?.headers['x-tenant']).toBe('shop');
    expect(request?.headers['content-type']).toBe('application/x-ndjson');
    const index = expect.stringMatching(/^vector-\d{4}\.\d{2}\.\d{2}$/);
    expect(request?.lines.map((line) => JSON.parse(line))).toEqual([
      { index: { _index: index, _id: 'doc-1', version_type: 'external_gte', version: 7 } },
      { message: 'a', meta: {}, v: 7 },
      { index: { _index: index, _id: '2', version_type: 'external_gte', version: 3 } },
      { message: 'b', meta: {}, v: 3 },
    ]);
  });

  it('chooses _type by the API version: read from GET / (6: _type, 7 and 8: none), assumed 8 when unreadable', async () => {
    for (const [version, type] of [
      ['6.8.23', '_doc'],
      ['7.17.0', undefined],
      ['8.15.0', undefined],
    ] as const) {
      const destination = await fake({ version });
      const { statuses } = await run(options([destination.url]), makeEvents(1));
      expect(statuses).toEqual(['delivered']);
      const action = JSON.parse(destination.bulkRequests[0]?.lines[0] as string).index;
      expect(action._type).toBe(type);
    }
    const six = await fake({ version: '6.8.23' });
    const suppressed = await run(
      options([six.url], { api_version: 'v6', suppress_type_name: true }),
      makeEvents(1),
    );
    expect(suppressed.statuses).toEqual(['rejected']); // 6 requires _type: the fake refuses, as Elasticsearch 6
    const context = createTestContext();
    const sink = await elasticsearchSink.create(
      options(['http://127.0.0.1:1'], { request: { timeout_secs: 1 } }),
      context,
    );
    await sink.close?.();
    expect(context.logger.records.some((record) => record.message.includes('set `api_version`'))).toBe(true);
  });

  it('compresses bodies (gzip) and authenticates with basic auth from the options or the endpoint', async () => {
    const destination = await fake({ basic: { user: 'elastic', password: 'p@ss' } });
    const viaOptions = await run(
      options([destination.url], {
        api_version: 'v8',
        compression: 'gzip',
        auth: { strategy: 'basic', user: 'elastic', password: 'p@ss' },
      }),
      makeEvents(2),
    );
    expect(viaOptions.statuses).toEqual(['delivered', 'delivered']);
    expect(destination.bulkRequests[0]?.headers['content-encoding']).toBe('gzip');
    const viaUrl = await run(
      options([destination.url.replace('//', '//elastic:p%40ss@')], { api_version: 'v8' }),
      makeEvents(1),
    );
    expect(viaUrl.statuses).toEqual(['delivered']);
  });

  it('signs with SigV4 for es, or aoss with the payload hash when serverless', async () => {
    const destination = await fake();
    const aws = {
      strategy: 'aws',
      access_key_id: 'AKIDTEST',
      secret_access_key: 'secret',
      load_timeout_secs: 5,
    };
    await run(
      options([destination.url], { api_version: 'v8', auth: aws, aws: { region: 'eu-west-1' } } as Overrides),
      makeEvents(1),
    );
    expect(destination.bulkRequests[0]?.headers.authorization).toMatch(
      /Credential=AKIDTEST\/\d{8}\/eu-west-1\/es\/aws4_request/,
    );
    await run(
      options([destination.url], {
        auth: aws,
        aws: { region: 'eu-west-1' },
        opensearch_service_type: 'serverless',
      } as Overrides),
      makeEvents(1),
    );
    const signed = destination.bulkRequests[1]?.headers;
    expect(signed?.authorization).toMatch(
      /\/eu-west-1\/aoss\/aws4_request, SignedHeaders=[^,]*x-amz-content-sha256/,
    );
    expect(signed?.['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes documents as Vector: only_fields / except_fields and timestamp_format applied', async () => {
    const destination = await fake();
    const at = new Date(Date.UTC(2024, 0, 1));
    await run(
      options([destination.url], {
        api_version: 'v8',
        encoding: { except_fields: ['secret'], timestamp_format: 'unix' },
      }),
      [createLogEvent({ message: 'm', secret: 's', timestamp: at })],
    );
    expect(destination.documents()).toEqual([{ message: 'm', timestamp: 1704067200 }]);
  });
});
