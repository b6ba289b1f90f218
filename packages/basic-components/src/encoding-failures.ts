import { type ComponentContext, finalizeEvents, rateLimitedLog } from '@sluice/component-api';
import type { FramedBatch } from '@sluice/encoding';

/**
 * What a stream sink does with the events its codec or framer refused (gelf without `host`, a
 * frame over max_frame_length): rejected, counted and logged (at most once per interval), never
 * lost silently. Vector stops the sink instead; Sluice keeps the others flowing.
 */
export function encodingFailureHandler(
  context: Pick<ComponentContext, 'metrics' | 'logger'>,
): (failed: FramedBatch['failed']) => void {
  const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'false' });
  const errors = context.metrics.counter('component_errors_total', {
    error_type: 'encoder_failed',
    stage: 'sending',
  });
  const warn = rateLimitedLog(context.logger, 'warn');
  return (failed) => {
    if (failed.length === 0) return;
    finalizeEvents(
      failed.map(({ event }) => event),
      'rejected',
    );
    discarded.increment(failed.length);
    errors.increment(failed.length);
    warn('events rejected: the encoding cannot write them', {
      count: failed.length,
      error: failed[0]?.error.message,
    });
  };
}
