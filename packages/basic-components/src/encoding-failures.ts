import { type ComponentContext, createRejecter } from '@sluice/component-api';
import type { FramedBatch } from '@sluice/encoding';

/**
 * What a stream sink does with the events its codec or framer refused (gelf without `host`, a
 * frame over max_frame_length, an event nested past the limit): each rejected alone, counted
 * `component_errors_total{error_code="encode_failed"}` and discarded, logged at most once per
 * interval, and sent to `<sink id>.rejected`. Vector stops the sink instead; Sluice keeps it and
 * the others flowing.
 */
export function encodingFailureHandler(
  context: Pick<ComponentContext, 'id' | 'metrics' | 'logger' | 'rejected'>,
): (failed: FramedBatch['failed']) => Promise<void> {
  const reject = createRejecter(context);
  return async (failed) => {
    // One call per distinct reason, so the copies sent to `.rejected` say why each failed.
    const byMessage = new Map<string, FramedBatch['failed'][number]['event'][]>();
    for (const { event, error } of failed) {
      const events = byMessage.get(error.message);
      if (events === undefined) byMessage.set(error.message, [event]);
      else events.push(event);
    }
    for (const [message, events] of byMessage)
      await reject(events, { code: 'encode_failed', type: 'encoder_failed', message });
  };
}
