import { fail } from '../../runtime/errors.js';
import type { Timestamp } from '../../value/markers.js';
import { rustDebugString } from '../rust.js';
import { ChronoParseError, parseInZone, parseWithOffset, timestampOf } from './strptime.js';

/** Whether a format reads the offset itself (VRL's `format_has_zone`). */
export function formatHasZone(format: string): boolean {
  return (
    format.includes('%Z') ||
    format.includes('%z') ||
    format.includes('%:z') ||
    format.includes('%#z') ||
    format.includes('%+')
  );
}

/**
 * VRL's `Conversion::timestamp(format, zone).convert(text)`: a format with an offset is read as
 * is, one without it as a local time in `zone`; fails with `Invalid timestamp "…": <chrono's error>`.
 */
export function timestampFromFormat(text: string, format: string, zone: string): Timestamp {
  try {
    return timestampOf(
      formatHasZone(format) ? parseWithOffset(text, format) : parseInZone(text, format, zone),
    );
  } catch (error) {
    if (error instanceof ChronoParseError)
      return fail(`Invalid timestamp ${rustDebugString(text)}: ${error.message}`);
    throw error;
  }
}
