import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.js';

interface Entry {
  id: string;
  size: number;
  partition?: string;
}

function batcher(settings: ConstructorParameters<typeof Batcher<Entry>>[0]) {
  const closed: string[][] = [];
  const value = new Batcher<Entry>(settings, (items) => closed.push(items.map((item) => item.id)));
  return { batcher: value, closed };
}

describe('Batcher', () => {
  it('closes by count and by bytes; an item that would overflow starts the next batch', () => {
    const { batcher: subject, closed } = batcher({ maxEvents: 3, maxBytes: 10, timeoutMs: 1000 });
    for (const [id, size] of [
      ['a', 1],
      ['b', 1],
      ['c', 1],
      ['d', 6],
      ['e', 6],
      ['f', 20],
    ] as const)
      subject.add({ id, size }, 0);
    expect(closed).toEqual([['a', 'b', 'c'], ['d'], ['e']]);
    expect(subject.size).toBe(1);
    subject.closeAll();
    expect(closed.at(-1)).toEqual(['f']);
    expect(subject.size).toBe(0);
  });

  it('without maxEvents, bytes and age alone close a batch', () => {
    const { batcher: subject, closed } = batcher({ maxBytes: 100, timeoutMs: 10 });
    for (let index = 0; index < 1000; index += 1) subject.add({ id: String(index), size: 0.05 }, 0);
    expect(closed).toEqual([]);
    subject.closeDue(10);
    expect(closed[0]).toHaveLength(1000);
  });

  it('a batch is due timeoutMs after its first item, whatever came later (a paused clock)', () => {
    const { batcher: subject, closed } = batcher({ maxEvents: 10, maxBytes: 100, timeoutMs: 50 });
    subject.add({ id: 'a', size: 1 }, 1000);
    subject.add({ id: 'b', size: 1 }, 1040);
    expect(subject.nextDueAt()).toBe(1050);
    subject.closeDue(1049);
    expect(closed).toEqual([]);
    subject.closeDue(1050);
    expect(closed).toEqual([['a', 'b']]);
    expect(subject.nextDueAt()).toBeUndefined();
  });

  it('keeps partitions apart, bounds the open ones (the oldest goes first), and closes the due ones oldest first', () => {
    const { batcher: subject, closed } = batcher({
      maxEvents: 10,
      maxBytes: 100,
      timeoutMs: 50,
      maxPartitions: 2,
    });
    subject.add({ id: 'a1', size: 1, partition: 'a' }, 0);
    subject.add({ id: 'b1', size: 1, partition: 'b' }, 10);
    subject.add({ id: 'a2', size: 1, partition: 'a' }, 20);
    expect(closed).toEqual([]);
    subject.add({ id: 'c1', size: 1, partition: 'c' }, 30);
    expect(closed).toEqual([['a1', 'a2']]);
    expect(subject.nextDueAt()).toBe(60);
    subject.closeDue(80);
    expect(closed).toEqual([['a1', 'a2'], ['b1'], ['c1']]);
  });

  it('takeAll empties it without closing anything (the shutdown deadline)', () => {
    const { batcher: subject, closed } = batcher({ maxEvents: 10, maxBytes: 100, timeoutMs: 50 });
    subject.add({ id: 'a', size: 1, partition: 'x' }, 0);
    subject.add({ id: 'b', size: 1, partition: 'y' }, 0);
    expect(subject.takeAll().map((item) => item.id)).toEqual(['a', 'b']);
    expect(closed).toEqual([]);
    expect(subject.size).toBe(0);
  });
});
