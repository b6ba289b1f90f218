import type { ComponentMetrics, Histogram } from '@sluice/component-api';
import type { ConcurrencyLimiter, RequestObservation } from './limits.js';

/** Vector's `request.adaptive_concurrency` settings, in the kit's spelling. */
export interface AdaptiveConcurrencySettings {
  /** The limit at start (Vector: 1). */
  readonly initialConcurrency: number;
  /** The limit never goes above this (Vector: 200). */
  readonly maxConcurrencyLimit: number;
  /** On a decrease the limit becomes `floor(limit × decreaseRatio)`, at least 1 (Vector: 0.9). */
  readonly decreaseRatio: number;
  /** Weight of the newest interval in the RTT moving average (Vector: 0.4). */
  readonly ewmaAlpha: number;
  /** RTT deviations within `scale × deviation` of the average are not a rise (Vector: 2.5). */
  readonly rttDeviationScale: number;
}

/** Vector's defaults (`src/sinks/util/adaptive_concurrency/mod.rs`). */
export const DEFAULT_ADAPTIVE_CONCURRENCY: AdaptiveConcurrencySettings = {
  initialConcurrency: 1,
  maxConcurrencyLimit: 200,
  decreaseRatio: 0.9,
  ewmaAlpha: 0.4,
  rttDeviationScale: 2.5,
};

export interface AdaptiveConcurrencyOptions {
  readonly settings?: Partial<AdaptiveConcurrencySettings>;
  /** Vector's `adaptive_concurrency_*` histograms go here when given. */
  readonly metrics?: ComponentMetrics;
  /** Milliseconds; the interval clock (a test passes a fake one). */
  readonly now?: () => number;
}

interface MeanVariance {
  readonly mean: number;
  readonly variance: number;
}

/**
 * Vector's adaptive request concurrency (ARC), a port of `controller.rs` and `semaphore.rs`: an
 * AIMD loop like TCP congestion control. Once per interval (one averaged RTT long) the mean RTT of
 * the interval's successful requests is compared with an EWMA of past intervals: if the limit was
 * reached, nothing pushed back and the RTT did not rise, the limit grows by 1; if the destination
 * pushed back (throttle, timeout) or the RTT rose beyond `rttDeviationScale` deviations, it is
 * multiplied by `decreaseRatio`. A shrink takes effect as permits come back: requests already in
 * flight are never cut short.
 */
export class AdaptiveConcurrency implements ConcurrencyLimiter {
  readonly #settings: AdaptiveConcurrencySettings;
  readonly #now: () => number;
  #limit: number;
  #inFlight = 0;
  /** Permits free to take. */
  #available: number;
  /** Permits still to take out of circulation as they come back (a shrink beyond the free ones). */
  #toForget = 0;
  readonly #waiters: Array<() => void> = [];
  #pastRtt: MeanVariance | undefined;
  #nextUpdate: number;
  #currentRttSum = 0;
  #currentRttCount = 0;
  #hadBackpressure = false;
  #reachedLimit = false;
  readonly #histograms: Partial<Record<HistogramName, Histogram>> = {};

  constructor(options: AdaptiveConcurrencyOptions = {}) {
    const settings = { ...DEFAULT_ADAPTIVE_CONCURRENCY, ...options.settings };
    this.#settings = settings;
    this.#now = options.now ?? (() => performance.now());
    this.#limit = Math.min(settings.initialConcurrency, settings.maxConcurrencyLimit);
    this.#available = this.#limit;
    this.#nextUpdate = this.#now();
    if (options.metrics !== undefined)
      for (const name of HISTOGRAM_NAMES) this.#histograms[name] = options.metrics.histogram(name);
  }

  /** The current limit. */
  get limit(): number {
    return this.#limit;
  }

  /** The limit never grows beyond this. */
  get maxConcurrency(): number {
    return this.#settings.maxConcurrencyLimit;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  acquire(): Promise<void> {
    if (this.#available > 0) {
      this.#available -= 1;
      this.#start();
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.#waiters.push(() => {
        this.#start();
        resolve();
      }),
    );
  }

  release(observation: RequestObservation): void {
    this.#adjust(observation);
    this.#returnPermit();
  }

  #start(): void {
    this.#inFlight += 1;
    if (this.#inFlight >= this.#limit) this.#reachedLimit = true;
    this.#record('adaptive_concurrency_in_flight', this.#inFlight);
  }

  #returnPermit(): void {
    if (this.#toForget > 0) {
      this.#toForget -= 1;
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) waiter();
    else this.#available += 1;
  }

  /** Vector's `adjust_to_response_inner`: only successful requests give an RTT sample. */
  #adjust(observation: RequestObservation): void {
    const now = this.#now();
    if (observation.outcome === 'backpressure') this.#hadBackpressure = true;
    this.#inFlight -= 1;
    this.#record('adaptive_concurrency_in_flight', this.#inFlight);
    if (observation.outcome === 'ok') {
      this.#record('adaptive_concurrency_observed_rtt', observation.durationMs / 1000);
      this.#currentRttSum += observation.durationMs;
      this.#currentRttCount += 1;
    }
    const currentRtt = this.#currentRttCount === 0 ? undefined : this.#currentRttSum / this.#currentRttCount;
    const past = this.#pastRtt;
    if (past === undefined) {
      if (currentRtt !== undefined) {
        this.#pastRtt = { mean: currentRtt, variance: 0 };
        this.#nextUpdate = now + currentRtt;
      }
      return;
    }
    if (now < this.#nextUpdate) return;
    if (currentRtt !== undefined) this.#record('adaptive_concurrency_averaged_rtt', currentRtt / 1000);
    this.#manageLimit(past, currentRtt);
    const updated = currentRtt === undefined ? past : this.#ewma(past, currentRtt);
    this.#pastRtt = updated;
    this.#nextUpdate = now + updated.mean;
    this.#currentRttSum = 0;
    this.#currentRttCount = 0;
    this.#hadBackpressure = false;
    this.#reachedLimit = false;
  }

  /** Vector's `EwmaVar::update`. */
  #ewma(past: MeanVariance, point: number): MeanVariance {
    const alpha = this.#settings.ewmaAlpha;
    const difference = point - past.mean;
    const increment = alpha * difference;
    return { mean: past.mean + increment, variance: (1 - alpha) * (past.variance + difference * increment) };
  }

  #manageLimit(past: MeanVariance, currentRtt: number | undefined): void {
    const { maxConcurrencyLimit, decreaseRatio, rttDeviationScale } = this.#settings;
    const threshold = Math.sqrt(past.variance) * rttDeviationScale;
    // Grows only when requests waited for the limit: no growth without evidence it is needed.
    if (
      this.#limit < maxConcurrencyLimit &&
      this.#reachedLimit &&
      !this.#hadBackpressure &&
      currentRtt !== undefined &&
      currentRtt <= past.mean
    ) {
      this.#grow();
    } else if (this.#limit > 1 && (this.#hadBackpressure || (currentRtt ?? 0) >= past.mean + threshold)) {
      this.#shrink(Math.max(1, Math.floor(this.#limit * decreaseRatio)));
    }
    this.#record('adaptive_concurrency_limit', this.#limit);
    this.#record('adaptive_concurrency_reached_limit', this.#reachedLimit ? 1 : 0);
    this.#record('adaptive_concurrency_back_pressure', this.#hadBackpressure ? 1 : 0);
    this.#record('adaptive_concurrency_past_rtt_mean', past.mean / 1000);
  }

  #grow(): void {
    this.#limit += 1;
    // The new permit cancels one still to forget, or goes to a waiter or the free ones.
    this.#returnPermit();
  }

  #shrink(newLimit: number): void {
    const excess = this.#limit - newLimit;
    const now = Math.min(excess, this.#available);
    this.#available -= now;
    this.#toForget += excess - now;
    this.#limit = newLimit;
  }

  #record(name: HistogramName, value: number): void {
    this.#histograms[name]?.observe(value);
  }
}

/** Vector's names; RTTs in seconds. */
const HISTOGRAM_NAMES = [
  'adaptive_concurrency_limit',
  'adaptive_concurrency_reached_limit',
  'adaptive_concurrency_back_pressure',
  'adaptive_concurrency_past_rtt_mean',
  'adaptive_concurrency_in_flight',
  'adaptive_concurrency_observed_rtt',
  'adaptive_concurrency_averaged_rtt',
] as const;
type HistogramName = (typeof HISTOGRAM_NAMES)[number];
