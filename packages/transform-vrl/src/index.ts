import { filterTransform } from './filter.js';
import { remapTransform } from './remap.js';
import { routeTransform } from './route.js';

export type { Condition, ConditionConfig, ConditionOptions } from './condition.js';
export {
  buildCondition,
  CONDITION_TYPES,
  ConditionError,
  conditionProblems,
  conditionSchema,
} from './condition.js';
export { isObjectValue, pushEvents, withoutRegexes } from './events.js';
export type { FilterOptions } from './filter.js';
export { filterTransform } from './filter.js';
export type { Compiled, ProgramSource, ProgramText } from './program.js';
export { compileProgram, programText, READ_ONLY } from './program.js';
export type { RemapOptions } from './remap.js';
export { DROPPED_OUTPUT, remapTransform } from './remap.js';
export type { RouteOptions } from './route.js';
export { conditionErrorCounter, routeTransform, UNMATCHED_OUTPUT } from './route.js';

export default [remapTransform, filterTransform, routeTransform];
