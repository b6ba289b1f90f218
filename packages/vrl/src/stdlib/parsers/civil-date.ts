/**
 * Proleptic Gregorian calendar arithmetic on whole days, as chrono's `NaiveDate` does it, for
 * any year chrono accepts (JavaScript's `Date.UTC` reads years 0–99 as 1900–1999).
 */

/** chrono's `NaiveDate` range. */
export const MIN_YEAR = -262_144;
export const MAX_YEAR = 262_143;

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number);
}

/** Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The date of a day count since 1970-01-01 (`civil_from_days`). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** A date's days since the epoch when it exists (chrono's `from_ymd_opt`). */
export function dateFromYmd(year: number, month: number, day: number): number | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** A date from its year and day of the year (`from_yo_opt`). */
export function dateFromOrdinal(year: number, ordinal: number): number | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR || ordinal < 1 || ordinal > daysInYear(year)) return undefined;
  return daysFromCivil(year, 1, 1) + ordinal - 1;
}

/** Monday = 0 … Sunday = 6 (chrono's `num_days_from_monday`). */
export function weekdayFromMonday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** The day of the year, 1-based. */
export function ordinalOf(date: CivilDate): number {
  return daysFromCivil(date.year, date.month, date.day) - daysFromCivil(date.year, 1, 1) + 1;
}

/** The number of ISO weeks of a year: 53 when it starts on a Thursday (or a Wednesday in a leap year). */
function isoWeeksInYear(year: number): number {
  const firstWeekday = weekdayFromMonday(daysFromCivil(year, 1, 1));
  return firstWeekday === 3 || (firstWeekday === 2 && isLeapYear(year)) ? 53 : 52;
}

/** Days since the epoch of the Monday of ISO week 1 of a year. */
function isoWeekOneMonday(year: number): number {
  const january4 = daysFromCivil(year, 1, 4);
  return january4 - weekdayFromMonday(january4);
}

/** The ISO week date of a day (`iso_week()`): its ISO year and week number. */
export function isoWeekOf(days: number): { year: number; week: number } {
  const { year } = civilFromDays(days);
  let isoYear = year;
  if (days < isoWeekOneMonday(year)) isoYear = year - 1;
  else if (days >= isoWeekOneMonday(year + 1)) isoYear = year + 1;
  return { year: isoYear, week: Math.floor((days - isoWeekOneMonday(isoYear)) / 7) + 1 };
}

/** A date from its ISO year, week and weekday (Monday = 0; `from_isoywd_opt`). */
export function dateFromIsoWeek(isoYear: number, week: number, weekday: number): number | undefined {
  if (isoYear < MIN_YEAR || isoYear > MAX_YEAR || week < 1 || week > isoWeeksInYear(isoYear))
    return undefined;
  const days = isoWeekOneMonday(isoYear) + (week - 1) * 7 + weekday;
  const { year } = civilFromDays(days);
  return year < MIN_YEAR || year > MAX_YEAR ? undefined : days;
}
