import { cloneValue, type Value } from '../value/value.js';

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
  /**
   * The event and the metadata as the caller gave them, while the run has not changed them, when
   * the caller wants them kept (`preserveInput`): the first change works on a copy.
   */
  givenEvent: Value | undefined;
  givenMetadata: Value | undefined;
}

/** The event, to change in place: the caller's own is copied first when it must be kept. */
export function writableEvent(context: Context): Value {
  if (context.givenEvent !== undefined && context.event === context.givenEvent) {
    context.event = cloneValue(context.event);
    context.givenEvent = undefined;
  }
  return context.event;
}

/** The metadata, to change in place (see {@link writableEvent}). */
export function writableMetadata(context: Context): Value {
  if (context.givenMetadata !== undefined && context.metadata === context.givenMetadata) {
    context.metadata = cloneValue(context.metadata);
    context.givenMetadata = undefined;
  }
  return context.metadata;
}

/** A compiled expression: evaluates against the context, or throws an `Interruption`. */
export type Evaluate = (context: Context) => Value;
