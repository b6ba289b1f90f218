import { describe, expect, it } from 'vitest';
import { EventFinalizer } from './acknowledgements.js';
import { cloneLogEvent, createLogEvent } from './event.js';

describe('cloneLogEvent', () => {
  it("copies the fields and the metadata's value (VRL's %), shares the finalizer and the data type", () => {
    const statuses: string[] = [];
    const finalizer = new EventFinalizer(1, (status) => statuses.push(status));
    const event = createLogEvent({ a: { b: 1 } }, { finalizer, dataType: 'metric' });
    event.metadata.value = { routing: { key: 'x' } };
    const copy = cloneLogEvent(event);
    (copy.fields.a as { b: number }).b = 2;
    (copy.metadata.value as { routing: { key: string } }).routing.key = 'y';
    expect(event.fields).toEqual({ a: { b: 1 } });
    expect(event.metadata.value).toEqual({ routing: { key: 'x' } });
    expect(copy.metadata).toMatchObject({ finalizer, dataType: 'metric' });
    // The copy is one more outcome to wait for.
    finalizer.finalize('delivered');
    expect(statuses).toEqual([]);
    finalizer.finalize('delivered');
    expect(statuses).toEqual(['delivered']);
  });

  it('a log event carries no data type', () => {
    expect(createLogEvent({}, { dataType: 'log' }).metadata).not.toHaveProperty('dataType');
  });
});
