import { describe, expect, it } from 'vitest';
import { RetryQueue } from './retry-queue.js';

describe('RetryQueue', () => {
  it('gives groups back when due, in order of their time, and counts what waits', () => {
    const queue = new RetryQueue<string>();
    queue.schedule(['late'], 300);
    queue.schedule(['early', 'early too'], 100);
    queue.schedule(['middle'], 200);
    queue.schedule(['middle, later'], 200);
    expect(queue.size).toBe(5);
    expect(queue.nextAt()).toBe(100);
    expect(queue.takeDue(99)).toEqual([]);
    expect(queue.takeDue(200)).toEqual([['early', 'early too'], ['middle'], ['middle, later']]);
    expect(queue.size).toBe(1);
    expect(queue.takeAll()).toEqual([['late']]);
    expect(queue.nextAt()).toBeUndefined();
    expect(queue.size).toBe(0);
  });
});
