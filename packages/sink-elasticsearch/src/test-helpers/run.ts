import { attachFinalizer, type DeliveryStatus, type LogEvent } from '@sluice/component-api';
import { createTestContext, inputOf } from '@sluice/testkit';
import type { ElasticsearchSinkOptions } from '../options.js';
import { elasticsearchSink } from '../sink.js';
import {
  type FakeElasticsearch,
  type FakeElasticsearchOptions,
  startFakeElasticsearch,
} from '../testing/fake-elasticsearch.js';

const fakes: FakeElasticsearch[] = [];

/** A fake Elasticsearch on a free port, stopped by `closeFakes` (each test file's afterEach). */
export async function fake(fakeOptions?: FakeElasticsearchOptions): Promise<FakeElasticsearch> {
  const started = await startFakeElasticsearch(fakeOptions);
  fakes.push(started);
  return started;
}

export async function closeFakes(): Promise<void> {
  await Promise.all(fakes.splice(0).map((started) => started.close()));
}

/** Runs the sink over `events` to the end: each event's status, the context, the events routed to `<id>.rejected`. */
export async function run(sinkOptions: ElasticsearchSinkOptions, events: LogEvent[], id = 'es_out') {
  const routed: LogEvent[] = [];
  const context = createTestContext({ id, rejected: { send: async (batch) => void routed.push(...batch) } });
  // Each event's status at its own place: rejections by `prepare` come before deliveries.
  const statuses: DeliveryStatus[] = [];
  for (const [index, event] of events.entries())
    attachFinalizer([event], (status) => {
      statuses[index] = status;
    });
  const sink = await elasticsearchSink.create(sinkOptions, context);
  await sink.run(inputOf([events]));
  await sink.close?.();
  return { context, statuses, routed };
}
