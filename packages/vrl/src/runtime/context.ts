import type { Value } from '../value/value.js';

/** What a compiled program works on while it runs over one event. */
export interface Context {
  /** The event (`.`); `. = …` replaces it. */
  event: Value;
  /** The event's metadata (`%`). */
  metadata: Value;
  /** The program's variables, by the slot the compiler gave each name. */
  variables: (Value | undefined)[];
  /** The time zone for functions that format or parse local times (an IANA name, or `local`). */
  timezone: string;
  /** Where `log()` writes (nowhere when absent). */
  log?: (level: string, message: string) => void;
}

/** A compiled expression: evaluates against the context, or throws an `Interruption`. */
export type Evaluate = (context: Context) => Value;
