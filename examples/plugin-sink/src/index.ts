import {
  defineSink,
  finalizeEvents,
  getField,
  SPECIFICATION_VERSION,
  untilAborted,
} from '@sluice/component-api';
import { webhookSink } from './webhook.js';

export interface CounterOptions {
  field: string;
  print_interval_secs: number;
}

/**
 * A third-party sink: counts events per value of a field, logs the totals periodically and when
 * its input ends, and finalizes every event as delivered. It depends on `@sluice/component-api` only.
 */
export const counterSink = defineSink<CounterOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'counter',
  description: 'Counts events per value of a field and logs the totals (an example plugin).',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      field: { type: 'string', default: 'host', description: 'The field whose values are counted.' },
      print_interval_secs: {
        type: 'number',
        minimum: 0,
        default: 0,
        description: 'Also log the totals every this many seconds; 0 only at the end.',
      },
    },
  },
  create(options, context) {
    const totals: Record<string, number> = {};
    const sent = context.metrics.counter('component_sent_events_total');
    const report = () =>
      context.logger.info(`counter totals ${JSON.stringify(totals)}`, { field: options.field });
    return {
      // Each batch is finalized before the next is pulled.
      maxHeldEvents: 0,
      async run(input) {
        const timer =
          options.print_interval_secs > 0
            ? setInterval(report, options.print_interval_secs * 1000)
            : undefined;
        timer?.unref();
        try {
          // Ends at once when the runtime gives up (the shutdown deadline), even with no input coming.
          for await (const batch of untilAborted(input, context.signal)) {
            for (const event of batch) {
              const key = String(getField(event.fields, options.field) ?? '(missing)');
              totals[key] = (totals[key] ?? 0) + 1;
            }
            finalizeEvents(batch, 'delivered');
            sent.increment(batch.length);
          }
        } finally {
          clearInterval(timer);
          report();
        }
      },
    };
  },
});

export type { WebhookOptions } from './webhook.js';
export { webhookSink } from './webhook.js';

export default [counterSink, webhookSink];
