import { describe, expect, it } from 'vitest';
import { KeyOrder } from './key-order.js';

interface Record {
  key?: string;
  id: number;
}

describe('KeyOrder', () => {
  const order = () => new KeyOrder<Record>((record) => record.key);

  it('lets items of a key join batches until some leave the batcher; then holds later ones of that key only', () => {
    const subject = order();
    const a1 = { key: 'a', id: 1 };
    const a2 = { key: 'a', id: 2 };
    const a3 = { key: 'a', id: 3 };
    const b1 = { key: 'b', id: 4 };
    expect(subject.admit(a1)).toBe(true);
    expect(subject.admit(a2)).toBe(true); // same open batch, after a1
    subject.dispatched([a1, a2]);
    expect(subject.admit(a3)).toBe(false);
    expect(subject.admit(b1)).toBe(true);
    expect(subject.admit({ id: 5 })).toBe(true); // no key: never held
    expect(subject.held).toBe(1);
    expect(subject.finished(a1)).toBeUndefined(); // a2 is still out
    expect(subject.finished(a2)).toEqual([a3]);
    expect(subject.held).toBe(0);
  });

  it('an item resent after a failure stays counted: later items wait until it is finished', () => {
    const subject = order();
    const a1 = { key: 'a', id: 1 };
    const a2 = { key: 'a', id: 2 };
    subject.admit(a1);
    subject.dispatched([a1]);
    expect(subject.admit(a2)).toBe(false);
    subject.dispatched([a1]); // the resend: not counted twice
    expect(subject.finished(a1)).toEqual([a2]);
    expect(subject.admit({ key: 'a', id: 3 })).toBe(true);
  });

  it('takeHeld gives every held item (the shutdown deadline)', () => {
    const subject = order();
    const a1 = { key: 'a', id: 1 };
    subject.admit(a1);
    subject.dispatched([a1]);
    subject.admit({ key: 'a', id: 2 });
    subject.admit({ key: 'a', id: 3 });
    expect(subject.takeHeld().map((record) => record.id)).toEqual([2, 3]);
    expect(subject.held).toBe(0);
  });
});
