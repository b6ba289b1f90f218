import { describe, expect, it } from 'vitest';
import { KeyOrder } from './key-order.js';

interface Record {
  key?: string;
  id: number;
  size: number;
}

describe('KeyOrder', () => {
  const order = () => new KeyOrder<Record>((record) => record.key);
  const record = (id: number, key?: string, size = 10): Record => ({
    ...(key === undefined ? {} : { key }),
    id,
    size,
  });

  it('lets items of a key join batches until some leave the batcher; then holds later ones of that key only', () => {
    const subject = order();
    const a1 = record(1, 'a');
    const a2 = record(2, 'a');
    const a3 = record(3, 'a');
    const b1 = record(4, 'b');
    expect(subject.admit(a1)).toBe(true);
    expect(subject.admit(a2)).toBe(true); // same open batch, after a1
    subject.dispatched([a1, a2]);
    expect(subject.admit(a3)).toBe(false);
    expect(subject.admit(b1)).toBe(true);
    expect(subject.admit(record(5))).toBe(true); // no key: never held
    expect(subject.held).toBe(1);
    expect(subject.finished(a1)).toBeUndefined(); // a2 is still out
    expect(subject.finished(a2)).toEqual([a3]);
    expect(subject.held).toBe(0);
  });

  it('an item resent after a failure stays counted: later items wait until it is finished', () => {
    const subject = order();
    const a1 = record(1, 'a');
    const a2 = record(2, 'a');
    subject.admit(a1);
    subject.dispatched([a1]);
    expect(subject.admit(a2)).toBe(false);
    subject.dispatched([a1]); // the resend: not counted twice
    expect(subject.finished(a1)).toEqual([a2]);
    expect(subject.admit(record(3, 'a'))).toBe(true);
  });

  it('takeHeld gives every held item (the shutdown deadline)', () => {
    const subject = order();
    const a1 = record(1, 'a');
    subject.admit(a1);
    subject.dispatched([a1]);
    subject.admit(record(2, 'a'));
    subject.admit(record(3, 'a'));
    expect(subject.takeHeld().map((record) => record.id)).toEqual([2, 3]);
    expect(subject.held).toBe(0);
  });

  it('maxBytesPerKey: a key puts at most that much in one batch (its first item always), the rest held in order', () => {
    const subject = new KeyOrder<Record>((item) => item.key, 25);
    const [a1, a2, a3, a4, a5] = [1, 2, 3, 4, 5].map((id) => record(id, 'a'));
    const big = record(6, 'b', 100);
    expect(subject.admit(a1 as Record)).toBe(true);
    expect(subject.admit(a2 as Record)).toBe(true); // 20 bytes of `a`
    expect(subject.admit(a3 as Record)).toBe(false); // 30 would pass 25
    expect(subject.admit(big)).toBe(true); // a first item goes whatever its size
    subject.dispatched([a1 as Record, a2 as Record, big]);
    expect(subject.admit(a4 as Record)).toBe(false);
    expect(subject.admit(a5 as Record)).toBe(false);
    subject.finished(a1 as Record);
    // a3 and a4 fit one batch; a5 stays held behind them.
    expect(subject.finished(a2 as Record)).toEqual([a3, a4]);
    expect(subject.held).toBe(1);
    subject.dispatched([a3 as Record, a4 as Record]);
    subject.finished(a3 as Record);
    expect(subject.finished(a4 as Record)).toEqual([a5]);
    expect(subject.held).toBe(0);
  });

  it('maxBytesPerKey 0: one item of a key at a time', () => {
    const subject = new KeyOrder<Record>((item) => item.key, 0);
    const [a1, a2] = [record(1, 'a'), record(2, 'a')];
    expect(subject.admit(a1)).toBe(true);
    expect(subject.admit(a2)).toBe(false);
    subject.dispatched([a1]);
    expect(subject.finished(a1)).toEqual([a2]);
  });
});
