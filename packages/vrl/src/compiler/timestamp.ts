import { Timestamp } from '../value/markers.js';

const RFC3339 =
  /^([+-]?\d{4,})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * A `t'…'` literal, as chrono's `DateTime<Utc>::from_str` reads it (RFC 3339, `T` or a space,
 * `Z` or an offset); the error text is chrono's when the literal is refused.
 */
export function parseTimestampLiteral(text: string): Date | string {
  const match = RFC3339.exec(text);
  if (match === null) {
    if (/^[+-]?\d{4,}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})./.test(text))
      return 'trailing input';
    if (
      /^[+-]?\d{0,4}(-\d{0,2}(-\d{0,2}([Tt ](\d{0,2}(:\d{0,2}(:\d{0,2}(\.\d*)?)?)?)?)?)?)?$/.test(text) &&
      text !== ''
    ) {
      return 'premature end of input';
    }
    return 'input contains invalid characters';
  }
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match;
  const values = [month, day, hour, minute, second].map(Number) as [number, number, number, number, number];
  const [monthValue, dayValue, hourValue, minuteValue, secondValue] = values;
  if (
    monthValue < 1 ||
    monthValue > 12 ||
    dayValue < 1 ||
    dayValue > 31 ||
    hourValue > 23 ||
    minuteValue > 59 ||
    secondValue > 60
  ) {
    return 'input is out of range';
  }
  const utc = Date.UTC(
    Number(year),
    monthValue - 1,
    dayValue,
    hourValue,
    minuteValue,
    Math.min(secondValue, 59),
  );
  const check = new Date(utc);
  if (check.getUTCDate() !== dayValue || check.getUTCMonth() !== monthValue - 1)
    return 'input is out of range';
  const digits = (fraction ?? '').slice(0, 9).padEnd(9, '0');
  const nanos = Number(digits);
  let offset = 0;
  if (zulu === undefined) {
    offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
    if (sign === '-') offset = -offset;
  }
  const milliseconds = utc - offset + Math.floor(nanos / 1_000_000);
  const submillisecond = nanos % 1_000_000;
  // Years before 1970 floor toward the earlier millisecond, as the fraction counts forward.
  return submillisecond === 0 ? new Date(milliseconds) : new Timestamp(milliseconds, submillisecond);
}
