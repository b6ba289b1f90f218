/**
 * The value markers of VRL values are those of Sluice's events (`@sluice/component-api`): a whole
 * float (`2.0`) and a timestamp with nanoseconds. One definition, so a value passes between an
 * event and a program without conversion.
 */
export { FloatValue, floatValue, submillisecondNanosOf, Timestamp } from '@sluice/component-api';

/** Magnitude from which a whole number is a float anyway (beyond i64). */
export const I64_LIMIT = 2 ** 63;
