import { type StrftimeZone, UTC_ZONE } from '@sluice/encoding';
import { Timestamp } from '../value/markers.js';

/**
 * Time for the stdlib: the wall clock with nanoseconds, and time zones (IANA names through `Intl`,
 * `local`). Dates are written by `@sluice/encoding`'s strftime, the one Sluice's templates use.
 */

/** Now, with sub-millisecond precision where the platform has it. */
export function now(): Timestamp {
  const milliseconds = performance.timeOrigin + performance.now();
  const whole = Math.floor(milliseconds);
  return new Timestamp(whole, Math.min(Math.round((milliseconds - whole) * 1_000_000), 999_999));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let cached = formatters.get(zone);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone === 'local' ? undefined : zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'short',
      era: 'short',
    });
    formatters.set(zone, cached);
  }
  return cached;
}

/** Whether a time zone name is known (`local` is the machine's). */
export function isTimeZone(zone: string): boolean {
  if (zone === 'local' || zone === 'UTC') return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * A zone at an instant (`UTC`, an IANA name, `local`): its offset, and the name chrono gives it
 * (the zone's abbreviation as `Intl` knows it).
 */
export function zoneAt(date: Date, zone: string): StrftimeZone {
  if (zone === 'UTC') return UTC_ZONE;
  const epochSeconds = Math.floor(date.getTime() / 1000);
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(epochSeconds * 1000)))
    parts[part.type] = part.value;
  const yearOfEra = Number(parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(
    parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra,
    Number(parts.month) - 1,
    Number(parts.day),
  );
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second));
  return {
    offsetSeconds: Math.round(wall.getTime() / 1000) - epochSeconds,
    name: parts.timeZoneName ?? zone,
  };
}
