import {
  type FieldMap,
  getField,
  isFieldMap,
  NESTING_LIMIT,
  removeField,
  setField,
} from '@sluice/component-api';
import { tooDeep } from './errors.js';

/** Vector's paths may start with `.` (`.message`). */
export const withoutLeadingDot = (path: string) => (path.startsWith('.') ? path.slice(1) : path);

/** A copy of the fields with only what the encoding selects. */
export type Selector = (fields: FieldMap) => FieldMap;

/** Vector's only_fields / except_fields; `undefined` when neither is set (the event as it is). */
export function fieldSelector(
  onlyFields: readonly string[] | undefined,
  exceptFields: readonly string[] | undefined,
): Selector | undefined {
  if (
    (onlyFields === undefined || onlyFields.length === 0) &&
    (exceptFields === undefined || exceptFields.length === 0)
  ) {
    return undefined;
  }
  const only = onlyFields?.map(withoutLeadingDot);
  const except = exceptFields?.map(withoutLeadingDot);
  return (fields) => {
    let selected: FieldMap;
    if (only !== undefined && only.length > 0) {
      selected = {};
      for (const path of only) {
        const value = getField(fields, path);
        if (value !== undefined) setField(selected, path, value);
      }
    } else {
      selected = structuredCopy(fields);
    }
    for (const path of except ?? []) removeField(selected, path);
    return selected;
  };
}

/** A copy deep enough that removing nested fields leaves the event untouched (`level`: the map's). */
function structuredCopy(fields: FieldMap, level = 1): FieldMap {
  if (level >= NESTING_LIMIT) throw tooDeep();
  const copy: FieldMap = {};
  for (const key in fields) {
    const value = fields[key];
    const copied = isFieldMap(value) ? structuredCopy(value, level + 1) : value;
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: copied,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = copied;
  }
  return copy;
}
