import { zoneAt } from '../time.js';

/**
 * Time zones as chrono and chrono-tz see them, computed with `Intl` (the IANA database Node
 * carries): the offset at an instant, and the instants a local wall-clock time can stand for.
 */

const DAY = 86_400;

/** The zone's offset from UTC, in seconds, at an instant (`offset_from_utc_datetime`). */
export function offsetAt(zone: string, epochSeconds: number): number {
  if (zone === 'UTC') return 0;
  return zoneAt(new Date(epochSeconds * 1000), zone).offsetSeconds;
}

/**
 * The instants (seconds since the epoch, earliest first) whose local time in the zone is the
 * given wall-clock time, written as seconds since the epoch as if it were UTC
 * (`from_local_datetime`): none in a gap (clocks jumped over it), two in an overlap.
 */
export function instantsOfLocalTime(zone: string, localSeconds: number): number[] {
  if (zone === 'UTC') return [localSeconds];
  const candidates = new Set([
    offsetAt(zone, localSeconds - DAY),
    offsetAt(zone, localSeconds),
    offsetAt(zone, localSeconds + DAY),
  ]);
  const instants: number[] = [];
  for (const offset of candidates) {
    const instant = localSeconds - offset;
    if (offsetAt(zone, instant) === offset && !instants.includes(instant)) instants.push(instant);
  }
  return instants.sort((a, b) => a - b);
}
