import { RecordingMetrics } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { AdaptiveConcurrency, type AdaptiveConcurrencySettings } from './adaptive-concurrency.js';
import type { RequestObservation } from './limits.js';

/** A controller on a clock the test moves by hand. */
function controller(settings: Partial<AdaptiveConcurrencySettings> = {}) {
  const clock = { now: 0 };
  const metrics = new RecordingMetrics();
  const limiter = new AdaptiveConcurrency({ settings, metrics, now: () => clock.now });
  return { limiter, clock, metrics };
}

/** Lets resolved promises run their callbacks (a granted permit takes two microtask turns). */
async function settle() {
  for (let turn = 0; turn < 4; turn += 1) await Promise.resolve();
}

/**
 * One round: takes every permit on offer (so the limit is reached), lets `rttMs` pass, and ends them
 * all with `outcome`.
 */
async function round(
  { limiter, clock }: ReturnType<typeof controller>,
  rttMs: number,
  outcome: RequestObservation['outcome'] = 'ok',
) {
  const holders = limiter.limit;
  for (let index = 0; index < holders; index += 1) await limiter.acquire();
  clock.now += rttMs;
  for (let index = 0; index < holders; index += 1) limiter.release({ durationMs: rttMs, outcome });
}

describe('AdaptiveConcurrency (Vector ARC)', () => {
  it("starts at Vector's initial limit, 1, and grows by 1 per interval while the RTT stays flat", async () => {
    const arc = controller();
    expect(arc.limiter.limit).toBe(1);
    await round(arc, 10); // the first sample only seeds the average
    expect(arc.limiter.limit).toBe(1);
    for (let step = 1; step <= 5; step += 1) {
      await round(arc, 10);
      expect(arc.limiter.limit).toBe(1 + step);
    }
    expect(arc.metrics.total('adaptive_concurrency_limit_count')).toBe(5);
    expect(arc.metrics.total('adaptive_concurrency_observed_rtt_count')).toBeGreaterThan(0);
  });

  it('does not grow when the limit was not reached: no evidence more is needed', async () => {
    const arc = controller({ initialConcurrency: 4 });
    for (let step = 0; step < 10; step += 1) {
      await arc.limiter.acquire();
      const rtt = 10 - step / 10; // not rising: only the unreached limit keeps it from growing
      arc.clock.now += rtt;
      arc.limiter.release({ durationMs: rtt, outcome: 'ok' });
      expect(arc.limiter.limit).toBe(4);
    }
  });

  it('never goes above max_concurrency_limit', async () => {
    const arc = controller({ maxConcurrencyLimit: 3 });
    const limits: number[] = [];
    for (let step = 0; step < 20; step += 1) {
      await round(arc, 10);
      limits.push(arc.limiter.limit);
    }
    expect(Math.max(...limits)).toBe(3);
    expect(limits.filter((limit) => limit === 3).length).toBeGreaterThan(5);
  });

  it('decreases by decrease_ratio (rounded down) when the RTT rises beyond the deviation', async () => {
    const arc = controller({ initialConcurrency: 10, maxConcurrencyLimit: 10 });
    for (let step = 0; step < 3; step += 1) await round(arc, 10);
    expect(arc.limiter.limit).toBe(10);
    await round(arc, 40);
    expect(arc.limiter.limit).toBe(9);
    await round(arc, 200);
    expect(arc.limiter.limit).toBe(8);
  });

  it('decreases on backpressure even with a flat RTT, and never below 1', async () => {
    const arc = controller({ initialConcurrency: 20 });
    await round(arc, 10);
    await round(arc, 10, 'backpressure');
    expect(arc.limiter.limit).toBe(18);
    for (let step = 0; step < 40; step += 1) await round(arc, 10, 'backpressure');
    expect(arc.limiter.limit).toBe(1);
    expect(arc.metrics.total('adaptive_concurrency_back_pressure_sum')).toBeGreaterThan(0);
  });

  it('errors give no RTT sample and move the limit neither way', async () => {
    const arc = controller({ initialConcurrency: 5 });
    await round(arc, 10);
    await round(arc, 10);
    await round(arc, 10, 'error'); // ends the interval that still had samples
    const before = arc.limiter.limit;
    const samples = arc.metrics.total('adaptive_concurrency_observed_rtt_count');
    for (let step = 0; step < 5; step += 1) await round(arc, 10, 'error');
    expect(arc.limiter.limit).toBe(before);
    expect(arc.metrics.total('adaptive_concurrency_observed_rtt_count')).toBe(samples);
  });

  it('shrinks while requests are in flight: returned permits are forgotten until the new limit holds', async () => {
    const arc = controller({ initialConcurrency: 10 });
    const { limiter, clock } = arc;
    await round(arc, 10);
    for (let index = 0; index < 10; index += 1) await limiter.acquire();
    clock.now += 10;
    limiter.release({ durationMs: 10, outcome: 'backpressure' }); // the interval ends: 10 → 9
    expect(limiter.limit).toBe(9);
    // 9 still in flight, all the limit allows: a new request waits.
    let granted = false;
    void limiter.acquire().then(() => {
      granted = true;
    });
    await settle();
    expect(granted).toBe(false);
    limiter.release({ durationMs: 10, outcome: 'ok' });
    await settle();
    expect(granted).toBe(true);
    expect(limiter.inFlight).toBe(9);
  });
});

/**
 * A destination whose latency rises with the requests in flight beyond `knee` (a queue in front of
 * `knee` workers), throttling beyond `throttleAbove` when set. Discrete events on the fake clock:
 * every permit on offer is taken at once, then the earliest request to finish ends.
 */
function simulation(
  arc: ReturnType<typeof controller>,
  destination: { baseMs: number; knee: number; throttleAbove?: number },
) {
  const { limiter, clock } = arc;
  const inFlight: { startedAt: number; endsAt: number; throttled: boolean }[] = [];
  let waiting: Promise<void> | undefined;
  let granted = false;
  /** Runs `steps` request ends; the limit after each. */
  return async (steps: number) => {
    const limits: number[] = [];
    for (let step = 0; step < steps; step += 1) {
      for (;;) {
        if (waiting === undefined) {
          granted = false;
          waiting = limiter.acquire().then(() => {
            granted = true;
          });
        }
        await settle();
        if (!granted) break;
        waiting = undefined;
        const load = inFlight.length + 1;
        const latency = destination.baseMs * Math.max(1, load / destination.knee);
        const throttled = destination.throttleAbove !== undefined && load > destination.throttleAbove;
        inFlight.push({ startedAt: clock.now, endsAt: clock.now + latency, throttled });
      }
      inFlight.sort((first, second) => first.endsAt - second.endsAt);
      const done = inFlight.shift() as (typeof inFlight)[number];
      clock.now = done.endsAt;
      limiter.release({
        durationMs: done.endsAt - done.startedAt,
        outcome: done.throttled ? 'backpressure' : 'ok',
      });
      limits.push(limiter.limit);
    }
    return limits;
  };
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('AdaptiveConcurrency against a destination with a knee', () => {
  it('settles near the knee, and drops when the destination throttles', async () => {
    const arc = controller();
    const destination: { baseMs: number; knee: number; throttleAbove?: number } = { baseMs: 10, knee: 20 };
    const run = simulation(arc, destination);
    const rising = await run(6000);
    const settled = rising.slice(3000);
    expect(mean(settled)).toBeGreaterThan(destination.knee * 0.7);
    expect(mean(settled)).toBeLessThan(destination.knee * 1.5);
    expect(Math.max(...settled)).toBeLessThan(destination.knee * 2);

    // The same destination now throttles beyond 5 in flight: the limit falls to about that.
    destination.throttleAbove = 5;
    const throttled = await run(3000);
    const after = throttled.slice(1500);
    expect(Math.max(...after)).toBeLessThanOrEqual(8);
    expect(Math.min(...after)).toBeGreaterThanOrEqual(1);
  });
});
