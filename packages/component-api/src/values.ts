/**
 * The two things a JavaScript value cannot say by itself about a Vector value: that a whole
 * number is a float (`2.0`, Vector's `Value::Float`, which its JSON writes with the point), and
 * when a timestamp happened below the millisecond (Vector's timestamps have nanoseconds). Integers
 * beyond 2^53 are `bigint`s. Plain numbers stay the common case: an integral number is an
 * integer, any other a float, so events without these pay nothing.
 */

/**
 * The marker classes live in one registry per process, keyed by their shape's version: every
 * copy of this package (a plugin may bring its own) uses the first definition, so a float made by one copy is an `instanceof FloatValue`
 * for every other one, and `instanceof` stays the engine's native check (a `Symbol.hasInstance`
 * brand check measured ~9x slower per test). Change a class's shape only with a new version key.
 */
const SHARED_CLASSES = Symbol.for('sluice.values@1');

function sharedClass<Class>(name: string, define: () => Class): Class {
  const holder = globalThis as { [SHARED_CLASSES]?: Record<string, unknown> };
  let registry = holder[SHARED_CLASSES];
  if (registry === undefined) {
    registry = {};
    holder[SHARED_CLASSES] = registry;
  }
  registry[name] ??= define();
  return registry[name] as Class;
}

/**
 * A float whose value is whole (`2.0`, `1e3`): Vector writes it `2.0` in JSON where the integer 2
 * is `2`. Made only for whole finite values by {@link floatValue}; a fraction is a plain number.
 */
export const FloatValue = sharedClass(
  'FloatValue',
  () =>
    class FloatValue {
      constructor(readonly value: number) {}

      valueOf(): number {
        return this.value;
      }

      /** What code that knows nothing of the marker writes: the number. */
      toJSON(): number {
        return this.value;
      }
    },
);
export type FloatValue = InstanceType<typeof FloatValue>;

/** Magnitude from which a whole JS number is a float in Vector anyway (beyond i64). */
const I64_LIMIT = 2 ** 63;

/** A float as an event holds it: marked when it is whole (and below i64's range), else the number. */
export function floatValue(value: number): number | FloatValue {
  return Number.isInteger(value) && value < I64_LIMIT && value > -I64_LIMIT ? new FloatValue(value) : value;
}

/** The number of a number-like field value (a float marker or a bigint, rounded); `undefined` otherwise. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof FloatValue) return value.value;
  return undefined;
}

const NANOSECONDS_PER_MILLISECOND = 1_000_000;

/**
 * A Date with the nanoseconds below its millisecond (0–999,999): Vector's timestamps are
 * nanosecond-precise (chrono's `Utc::now()`). Everything that reads a Date still works; the
 * encoders write the nanoseconds. Shared across package copies like {@link FloatValue}.
 */
export const Timestamp = sharedClass(
  'Timestamp',
  () =>
    class Timestamp extends Date {
      readonly submillisecondNanos: number;

      constructor(milliseconds: number, submillisecondNanos = 0) {
        super(milliseconds);
        this.submillisecondNanos = submillisecondNanos;
      }
    },
);
export type Timestamp = InstanceType<typeof Timestamp>;

/** The nanoseconds below the millisecond of a Date (0 for a plain Date). */
export function submillisecondNanosOf(date: Date): number {
  return date instanceof Timestamp ? date.submillisecondNanos : 0;
}

/** A copy of a Date that keeps its nanoseconds. */
export function copyDate(date: Date): Date {
  return date instanceof Timestamp
    ? new Timestamp(date.getTime(), date.submillisecondNanos)
    : new Date(date.getTime());
}

/**
 * The wall clock with sub-millisecond precision: the monotonic high-resolution clock anchored to
 * the wall clock, re-anchored when the two drift apart by more than a millisecond (the system
 * clock was set), so the timestamps follow the wall clock as `Utc::now()` does.
 */
let anchorMilliseconds = 0;
let anchorFraction = 0;
function anchor(): void {
  // performance.timeOrigin has sub-millisecond digits; its whole part is kept apart so the sum of
  // the fractions keeps nanoseconds (a double near 1.8e12 ms keeps only a quarter of a microsecond).
  const origin = performance.timeOrigin;
  anchorMilliseconds = Math.floor(origin);
  anchorFraction = origin - anchorMilliseconds;
  const drift = Date.now() - (anchorMilliseconds + Math.floor(performance.now() + anchorFraction));
  // The wall clock was set since the process started: follow it (at millisecond precision).
  if (drift > 1 || drift < -1) anchorMilliseconds += drift;
}
anchor();

function read(): Timestamp {
  const elapsed = performance.now() + anchorFraction;
  let whole = Math.floor(elapsed);
  let nanos = Math.round((elapsed - whole) * NANOSECONDS_PER_MILLISECOND);
  if (nanos === NANOSECONDS_PER_MILLISECOND) {
    whole += 1;
    nanos = 0;
  }
  return new Timestamp(anchorMilliseconds + whole, nanos);
}

/** Now, as a {@link Timestamp} with nanoseconds (as precise as the platform's monotonic clock). */
export function currentTimestamp(): Timestamp {
  const now = read();
  const wall = Date.now();
  const milliseconds = now.getTime();
  if (milliseconds <= wall + 1 && milliseconds >= wall - 1) return now;
  anchor();
  return read();
}
