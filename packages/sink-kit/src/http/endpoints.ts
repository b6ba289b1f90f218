/** Vector's `distribution` table (`HealthConfig`) of a sink with several endpoints. */
export const distributionSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'With several endpoints: how long one that failed (no answer, a 5xx) rests.',
  properties: {
    retry_initial_backoff_secs: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 1,
      description: 'The first rest; doubles with each failure in a row.',
    },
    retry_max_duration_secs: {
      type: 'number',
      exclusiveMinimum: 0,
      default: 3600,
      description: 'The longest rest.',
    },
  },
} as const;

/** Vector's `distribution` options as the pool's settings. */
export function healthSettingsOf(distribution: {
  readonly retry_initial_backoff_secs: number;
  readonly retry_max_duration_secs: number;
}): EndpointHealthSettings {
  return {
    initialBackoffMs: distribution.retry_initial_backoff_secs * 1000,
    maxBackoffMs: distribution.retry_max_duration_secs * 1000,
  };
}

/** How long an endpoint that failed rests before it takes a request again. */
export interface EndpointHealthSettings {
  /** The first rest; each failure in a row doubles it. */
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

interface State<Endpoint> {
  readonly endpoint: Endpoint;
  failures: number;
  /** Not picked before this time (while others are healthy). */
  restUntil: number;
}

/**
 * Vector's `distribution` of a sink with several endpoints (`HealthConfig`): requests go round
 * robin to the healthy endpoints; one that failed (no answer, or a 5xx) rests for a backoff that
 * doubles with each failure in a row, up to a maximum, and then takes one request again (a probe);
 * a success makes it healthy. When all rest, the one whose rest ends first is used: requests are
 * never held back here (the kit's retries pace them).
 */
export class EndpointPool<Endpoint> {
  readonly #states: State<Endpoint>[];
  readonly #byEndpoint = new Map<Endpoint, State<Endpoint>>();
  readonly #settings: EndpointHealthSettings;
  readonly #now: () => number;
  #next = 0;

  constructor(
    endpoints: readonly Endpoint[],
    settings: EndpointHealthSettings,
    now: () => number = () => performance.now(),
  ) {
    if (endpoints.length === 0) throw new Error('EndpointPool needs at least one endpoint');
    this.#states = endpoints.map((endpoint) => ({ endpoint, failures: 0, restUntil: 0 }));
    for (const state of this.#states) this.#byEndpoint.set(state.endpoint, state);
    this.#settings = settings;
    this.#now = now;
  }

  /** The endpoint of the next request. */
  pick(): Endpoint {
    const now = this.#now();
    const count = this.#states.length;
    let soonest: State<Endpoint> | undefined;
    for (let step = 0; step < count; step += 1) {
      const state = this.#states[(this.#next + step) % count] as State<Endpoint>;
      if (state.restUntil <= now) {
        this.#next = (this.#next + step + 1) % count;
        // A probe: it rests again until its answer says otherwise.
        if (state.failures > 0) state.restUntil = now + this.#backoffOf(state.failures);
        return state.endpoint;
      }
      if (soonest === undefined || state.restUntil < soonest.restUntil) soonest = state;
    }
    return (soonest as State<Endpoint>).endpoint;
  }

  /** What became of a request: `true` answered (below 500), `false` failed (no answer, a 5xx). */
  report(endpoint: Endpoint, healthy: boolean): void {
    const state = this.#byEndpoint.get(endpoint);
    if (state === undefined) return;
    if (healthy) {
      state.failures = 0;
      state.restUntil = 0;
      return;
    }
    state.failures += 1;
    state.restUntil = this.#now() + this.#backoffOf(state.failures);
  }

  /** Endpoints not resting now. */
  get healthy(): number {
    const now = this.#now();
    return this.#states.filter((state) => state.restUntil <= now).length;
  }

  #backoffOf(failures: number): number {
    const { initialBackoffMs, maxBackoffMs } = this.#settings;
    return Math.min(maxBackoffMs, initialBackoffMs * 2 ** Math.min(failures - 1, 30));
  }
}
