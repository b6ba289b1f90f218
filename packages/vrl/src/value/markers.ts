/**
 * The value markers Sluice events use, carried here without a dependency on the rest of Sluice.
 * The classes live in one registry per process, keyed by their shape's version: every copy of
 * `@sluice/component-api` and of this package uses the first definition, so a float made by one
 * is an `instanceof FloatValue` for the other, and `instanceof` stays the engine's native check
 * (a `Symbol.hasInstance` brand check measured ~9x slower per test). The definitions must stay
 * identical to component-api's; change a shape only together with the version key.
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
 * A float whose value is whole (`2.0`): VRL's `Value::Float` where a JavaScript number alone
 * would read as an integer. A fraction is a plain number; {@link floatValue} picks.
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

/** A Date with the nanoseconds below its millisecond (0–999,999): VRL timestamps have nanoseconds. */
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

/** Magnitude from which a whole number is a float anyway (beyond i64). */
export const I64_LIMIT = 2 ** 63;

/** A float as a value holds it: marked when whole (and inside i64's range), else the number. */
export function floatValue(value: number): number | FloatValue {
  return Number.isInteger(value) && value < I64_LIMIT && value > -I64_LIMIT ? new FloatValue(value) : value;
}

/** The nanoseconds below the millisecond of a Date (0 for a plain Date). */
export function submillisecondNanosOf(date: Date): number {
  return date instanceof Timestamp ? date.submillisecondNanos : 0;
}
