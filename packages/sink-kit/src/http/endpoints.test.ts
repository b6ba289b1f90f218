import { describe, expect, it } from 'vitest';
import { EndpointPool, healthSettingsOf } from './endpoints.js';

describe('EndpointPool', () => {
  it('goes round robin; a failed endpoint rests, is probed once its rest ends, and a success heals it', () => {
    let now = 0;
    const pool = new EndpointPool(['a', 'b', 'c'], { initialBackoffMs: 1000, maxBackoffMs: 3000 }, () => now);
    expect([pool.pick(), pool.pick(), pool.pick(), pool.pick()]).toEqual(['a', 'b', 'c', 'a']);
    pool.report('b', false);
    expect(pool.healthy).toBe(2);
    expect([pool.pick(), pool.pick(), pool.pick()]).toEqual(['c', 'a', 'c']);
    now = 1000;
    // Its rest is over: one probe, then it rests again until the probe's answer.
    expect([pool.pick(), pool.pick(), pool.pick()]).toEqual(['a', 'b', 'c']);
    expect(pool.pick()).toBe('a');
    pool.report('b', false); // the probe failed: twice the rest
    now = 2999;
    expect([pool.pick(), pool.pick()]).toEqual(['c', 'a']);
    now = 3000;
    expect(pool.pick()).toBe('b');
    pool.report('b', true);
    expect(pool.healthy).toBe(3);
    expect([pool.pick(), pool.pick(), pool.pick()]).toEqual(['c', 'a', 'b']);
  });

  it('caps the rest; when every endpoint rests, the one whose rest ends first is used', () => {
    let now = 0;
    const pool = new EndpointPool(['a', 'b'], { initialBackoffMs: 1000, maxBackoffMs: 1500 }, () => now);
    pool.report('a', false);
    pool.report('a', false); // 2000, capped at 1500
    now = 100;
    pool.report('b', false); // until 1100
    expect(pool.healthy).toBe(0);
    expect(pool.pick()).toBe('b');
    now = 1500;
    expect(pool.pick()).toBe('a');
    expect(() => new EndpointPool([], { initialBackoffMs: 1, maxBackoffMs: 1 })).toThrow();
    expect(healthSettingsOf({ retry_initial_backoff_secs: 1, retry_max_duration_secs: 3600 })).toEqual({
      initialBackoffMs: 1000,
      maxBackoffMs: 3_600_000,
    });
  });
});
