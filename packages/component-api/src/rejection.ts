import { finalizeEvents } from './acknowledgements.js';
import { type ComponentContext, type Rejection, rejectedEvent } from './components.js';
import type { LogEvent } from './event.js';
import { type Counter, rateLimitedLogPerCode } from './observability.js';

/** Why events are rejected: Vector's `error_code` and `error_type`, and a message for the log. */
export interface RejectionReason {
  code: string;
  /** `component_errors_total`'s error_type (default: the code). */
  type?: string;
  message: string;
  /** Requests that carried the events (0: none, they failed before sending). */
  attempts?: number;
}

/**
 * What a sink does with events it will never deliver: finalized `rejected`, counted
 * (`component_discarded_events_total{intentional="false"}` and
 * `component_errors_total{error_code, error_type, stage="sending"}`, one per event), logged at most
 * once per interval and error code, and a copy of each sent to `<sink id>.rejected` when a
 * component reads it. Resolves once that output took them (its backpressure).
 */
export function createRejecter(
  context: Pick<ComponentContext, 'id' | 'metrics' | 'logger' | 'rejected'>,
): (events: readonly LogEvent[], reason: RejectionReason) => Promise<void> {
  const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'false' });
  const errors = new Map<string, Counter>();
  const log = rateLimitedLogPerCode(context.logger, 'error');
  return async (events, reason) => {
    if (events.length === 0) return;
    const type = reason.type ?? reason.code;
    const key = `${reason.code}\u0000${type}`;
    let counter = errors.get(key);
    if (counter === undefined) {
      counter = context.metrics.counter('component_errors_total', {
        error_code: reason.code,
        error_type: type,
        stage: 'sending',
      });
      errors.set(key, counter);
    }
    finalizeEvents(events, 'rejected');
    discarded.increment(events.length);
    counter.increment(events.length);
    log(`events rejected: ${reason.message}`, { error_code: reason.code, events: events.length });
    if (context.rejected === undefined) return;
    const rejection: Rejection = {
      sink_id: context.id,
      error_code: reason.code,
      error_message: reason.message,
      attempts: reason.attempts ?? 0,
    };
    await context.rejected.send(events.map((event) => rejectedEvent(event, rejection)));
  };
}
