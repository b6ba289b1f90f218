export type { Comparison, Measurement, Scenario, ScenarioOptions } from './scenario.js';
export { eventsPerSecond, measure } from './scenario.js';
