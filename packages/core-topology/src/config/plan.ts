import type {
  BufferDefinition,
  SinkDefinition,
  SourceDefinition,
  TransformDefinition,
  TransformOutputs,
  WhenFull,
} from '@sluice/component-api';

/**
 * A validated, resolved configuration: what `planTopology` produces from a config object and what
 * `Topology.build` runs. Options are validated against each component's schema, defaults applied,
 * deprecated names moved, and frozen. Inputs are resolved (wildcards expanded) and the graph checked.
 */
export interface TopologyPlan {
  dataDir: string | undefined;
  healthchecks: { enabled: boolean; requireHealthy: boolean };
  sources: ReadonlyMap<string, ComponentPlan<SourceDefinition>>;
  transforms: ReadonlyMap<string, TransformPlan>;
  sinks: ReadonlyMap<string, SinkPlan>;
}

export interface ComponentPlan<Definition> {
  id: string;
  type: string;
  definition: Definition;
  options: Readonly<Record<string, unknown>>;
  /** Ids of the components feeding this one, wildcards expanded; empty for sources. */
  inputs: readonly string[];
  acknowledgements: boolean;
}

export interface TransformPlan extends ComponentPlan<TransformDefinition> {
  /** Its outputs: the default one (`<id>`) unless it has none, and the named ones (`<id>.<name>`). */
  outputs: TransformOutputs;
}

export interface SinkPlan extends ComponentPlan<SinkDefinition> {
  /** The buffer chain, first stage first; at least one stage (default: memory, 500 events, block). */
  buffer: readonly BufferStagePlan[];
  healthcheck: boolean;
}

export interface BufferStagePlan {
  type: string;
  whenFull: WhenFull;
  definition: BufferDefinition;
  /** The stage's own options (`max_events`, `max_size`, …), validated and frozen. */
  options: Readonly<Record<string, unknown>>;
  /** Where the stage is in the config (`sinks.k.buffer[1]`), for errors of its `create`. */
  path?: string;
}
