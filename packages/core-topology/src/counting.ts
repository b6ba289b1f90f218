import { type Batch, byteSizeOf, type ComponentMetrics, type Counter } from '@sluice/component-api';

/** The events and their estimated bytes a component received or sent. */
export interface Counting {
  events: Counter;
  eventBytes: Counter;
}

export function countingOf(
  metrics: ComponentMetrics,
  direction: 'received' | 'sent',
  labels?: Readonly<Record<string, string>>,
): Counting {
  return {
    events: metrics.counter(`component_${direction}_events_total`, labels),
    eventBytes: metrics.counter(`component_${direction}_event_bytes_total`, labels),
  };
}

export function count(counting: Counting, batch: Batch): void {
  counting.events.increment(batch.length);
  counting.eventBytes.increment(byteSizeOf(batch));
}

/** The sink's metrics, also tallying what it counts as sent or discarded (to know what is in flight). */
export function tallyingSettled(metrics: ComponentMetrics, settled: { events: number }): ComponentMetrics {
  return {
    gauge: (name, labels) => metrics.gauge(name, labels),
    histogram: (name, labels) => metrics.histogram(name, labels),
    counter: (name, labels) => {
      const counter = metrics.counter(name, labels);
      if (name !== 'component_sent_events_total' && name !== 'component_discarded_events_total')
        return counter;
      return {
        increment: (value = 1) => {
          settled.events += value;
          counter.increment(value);
        },
      };
    },
  };
}
