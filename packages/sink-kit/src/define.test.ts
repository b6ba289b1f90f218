import { attachFinalizer, type DeliveryStatus } from '@sluice/component-api';
import { createTestContext, inputOf, makeEvents } from '@sluice/testkit';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineNetworkSink, type NetworkSinkOptions } from './define.js';

const sent: string[][] = [];
const memorySink = defineNetworkSink({
  type: 'memory_test',
  description: 'Keeps what it is sent (a test).',
  metricPrefix: 'memory_test',
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['label'],
    properties: {
      label: { type: 'string', description: 'Prefixed to every line.' },
      upper: { type: 'boolean', default: false, description: 'Upper-case lines.' },
    },
  },
  batch: { max_events: 2, max_bytes: 1000, timeout_secs: 0.01, max_events_limit: 10 },
  request: { timeout_secs: 5, retry_initial_backoff_secs: 0.5, backoff: 'fibonacci' },
  tls: true,
  create: (options) => ({
    prepare: (event) => {
      const text = `${options.label}${String(event.fields.message)}`;
      return { event, text: options.upper ? text.toUpperCase() : text, size: text.length };
    },
    send: async (items) => {
      sent.push(items.map((item) => item.text));
      return {};
    },
  }),
});

describe('defineNetworkSink', () => {
  it("joins the sink's own options with the kit's tables, with the sink's defaults and limits", () => {
    const properties = memorySink.optionsSchema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual(['label', 'upper', 'batch', 'request', 'tls']);
    const batch = properties.batch?.properties as Record<string, Record<string, unknown>>;
    expect(batch.max_events).toMatchObject({ default: 2, maximum: 10 });
    const request = properties.request?.properties as Record<string, Record<string, unknown>>;
    expect(request.timeout_secs).toMatchObject({ default: 5 });
    expect(request.retry_initial_backoff_secs).toMatchObject({ default: 0.5 });
    expect(request.concurrency).toMatchObject({ default: 'adaptive' });
    expect(memorySink.optionsSchema.required).toEqual(['label']);
  });

  it('derives the options type from the one schema: defaults make a property present', () => {
    type Options = Parameters<typeof memorySink.create>[0];
    expectTypeOf<Options['label']>().toEqualTypeOf<string>();
    expectTypeOf<Options['upper']>().toEqualTypeOf<boolean>();
    expectTypeOf<Options['batch']['max_events']>().toEqualTypeOf<number>();
    expectTypeOf<Options['request']['concurrency']>().toEqualTypeOf<number | 'adaptive' | 'none'>();
    expectTypeOf<Options>().toMatchTypeOf<
      NetworkSinkOptions<{ type: 'object'; properties: Record<never, never> }>
    >();
  });

  it('runs the sink with the settings the tables give', async () => {
    sent.length = 0;
    const sink = await memorySink.create(
      {
        label: '> ',
        upper: true,
        batch: { max_events: 2, max_bytes: 1000, timeout_secs: 0.01 },
        request: {
          concurrency: 1,
          adaptive_concurrency: {
            initial_concurrency: 1,
            max_concurrency_limit: 200,
            decrease_ratio: 0.9,
            ewma_alpha: 0.4,
            rtt_deviation_scale: 2.5,
          },
          timeout_secs: 5,
          rate_limit_duration_secs: 1,
          retry_initial_backoff_secs: 0.5,
          retry_max_duration_secs: 30,
          retry_jitter_mode: 'Full',
        },
      },
      createTestContext({ id: 'out' }),
    );
    const events = makeEvents(3);
    const statuses: DeliveryStatus[] = [];
    attachFinalizer(events, (status) => statuses.push(status));
    await sink.run(inputOf([events]));
    expect(sent).toEqual([['> EVENT 0', '> EVENT 1'], ['> EVENT 2']]);
    expect(statuses).toEqual(['delivered']);
  });
});
