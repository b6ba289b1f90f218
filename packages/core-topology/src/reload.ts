import { ErrorCode, FloatValue, SluiceError } from '@sluice/component-api';
import type { BufferStagePlan, ComponentPlan, TopologyPlan } from './config/plan.js';
import { rejectedIsRead, type Topology } from './topology.js';

/** What a reload changes, by component id. */
export interface ReloadDiff {
  added: string[];
  removed: string[];
  /**
   * Rebuilt: type, options or inputs differ (or whether a sink's `<id>.rejected` is read). Every
   * other component in both configs keeps running untouched.
   */
  changed: string[];
  /** Sinks in both configs whose buffer carries over (every sink whose buffer config is unchanged). */
  reuseBuffersOf: Set<string>;
}

/** Options as JSON for comparing; event values may hold a `bigint` (`2n` and 2 differ) and a `FloatValue`. */
function exactly(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // The holder's own value: toJSON has already turned a FloatValue into its number in `value`.
  const original = this[key];
  if (typeof original === 'bigint') return `${original}n`;
  if (original instanceof FloatValue) return { float: original.value };
  return value;
}

function componentKey(plan: ComponentPlan<unknown>): string {
  return JSON.stringify([plan.type, plan.options, plan.inputs, plan.acknowledgements], exactly);
}

function bufferKey(buffer: readonly BufferStagePlan[]): string {
  return JSON.stringify(buffer.map((stage) => [stage.type, stage.whenFull, stage.options]));
}

function componentsOf(plan: TopologyPlan): Map<string, ComponentPlan<unknown>> {
  return new Map<string, ComponentPlan<unknown>>([...plan.sources, ...plan.transforms, ...plan.sinks]);
}

/**
 * Compares a running plan with a new one. Global options (`data_dir`, `healthchecks`) cannot change
 * on a reload, as in Vector, nor can a buffer with a durable stage: each is an error naming it,
 * and the running pipeline goes on unchanged.
 */
export function diffPlans(current: TopologyPlan, next: TopologyPlan): ReloadDiff {
  const changedGlobals: string[] = [];
  if (current.dataDir !== next.dataDir) changedGlobals.push('data_dir');
  if (JSON.stringify(current.healthchecks) !== JSON.stringify(next.healthchecks))
    changedGlobals.push('healthchecks');
  if (changedGlobals.length > 0)
    throw new SluiceError(
      ErrorCode.configInvalid,
      `global options changed (${changedGlobals.join(', ')}); they take effect only after a restart`,
    );
  const before = componentsOf(current);
  const after = componentsOf(next);
  const diff: ReloadDiff = {
    added: [...after.keys()].filter((id) => !before.has(id)),
    removed: [...before.keys()].filter((id) => !after.has(id)),
    changed: [],
    reuseBuffersOf: new Set(),
  };
  for (const [id, plan] of after) {
    const old = before.get(id);
    if (old === undefined) continue;
    // A sink gets its `<id>.rejected` output when it is created: a new reader rebuilds it.
    const rejectedChanged = next.sinks.has(id) && rejectedIsRead(current, id) !== rejectedIsRead(next, id);
    if (componentKey(old) !== componentKey(plan) || rejectedChanged) diff.changed.push(id);
  }
  for (const [id, sink] of next.sinks) {
    const old = current.sinks.get(id);
    if (old === undefined) continue;
    if (bufferKey(old.buffer) === bufferKey(sink.buffer)) {
      diff.reuseBuffersOf.add(id);
    } else if (
      [...old.buffer, ...sink.buffer].some((stage) => stage.definition.capabilities?.durable === true)
    ) {
      // A durable stage cannot be swapped while running (two buffers on its files would split it,
      // dropping it would lose what it holds): the reload is refused whole, never half-applied.
      throw new SluiceError(
        ErrorCode.configInvalid,
        `sink "${id}": its buffer changes to or from a disk (durable) stage, which a reload cannot apply without splitting or losing what it holds; restart sluice to change it`,
      );
    }
    // A changed memory-only buffer: the old sink delivers its old buffer while the new one starts.
  }
  return diff;
}

/**
 * Reloads a running topology with a new plan, as Vector does: components whose configuration did
 * not change keep running untouched (a source keeps its connections, a sink its buffer and
 * requests); only what changed is built, and that first (if it fails, nothing has changed). Then
 * every output is rewired, replaced sources stop, replaced transforms drain, and a replaced sink
 * hands its buffer (memory or disk) to the new one with everything it holds (see `Topology.reload`).
 * Returns the topology (the same one, still running) and `retired`, which settles once the
 * replaced components have finished and closed.
 */
export async function reloadTopology(
  current: Topology,
  plan: TopologyPlan,
): Promise<{ topology: Topology; diff: ReloadDiff; retired: Promise<void> }> {
  const diff = diffPlans(current.plan, plan);
  const { retired } = await current.reload(plan, {
    changed: new Set(diff.changed),
    reuseBuffersOf: diff.reuseBuffersOf,
  });
  return { topology: current, diff, retired };
}
