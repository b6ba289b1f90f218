export type { BufferStagePlan, ComponentPlan, SinkPlan, TopologyPlan } from './config/plan.js';
export type { AnyDefinition, DefinitionKind, DefinitionLoader } from './registry.js';
export { ComponentRegistry } from './registry.js';
