import { createTestContext, inputOf, makeEvents, testSink } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { counterSink } from './index.js';

testSink(counterSink, { options: { field: 'host', print_interval_secs: 0 } });

describe('counter sink', () => {
  it('counts events per value of the field and logs the totals at the end', async () => {
    const context = createTestContext();
    const sink = await counterSink.create({ field: 'team', print_interval_secs: 0 }, context);
    await sink.run(
      inputOf([[...makeEvents(2, { team: 'a' }), ...makeEvents(1, { team: 'b' }), ...makeEvents(1)]]),
    );
    expect(context.logger.find('counter totals')[0]?.message).toBe(
      'counter totals {"a":2,"b":1,"(missing)":1}',
    );
    expect(context.metrics.total('component_sent_events_total')).toBe(4);
  });
});
