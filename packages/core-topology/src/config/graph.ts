import type { TransformOutputs } from '@sluice/component-api';
import { didYouMean } from './suggest.js';

/** Inputs by component id; `undefined` when the inputs are malformed (already reported, not checked again). */
export interface GraphInput {
  sources: readonly string[];
  transforms: Readonly<Record<string, readonly string[] | undefined>>;
  /** The outputs of transforms that have named ones; the others have their default output only. */
  transformOutputs?: Readonly<Record<string, TransformOutputs>>;
  sinks: Readonly<Record<string, readonly string[] | undefined>>;
}

/** The component of an output: `route` of `route.errors` (an id never holds a dot). */
export function componentOf(output: string): string {
  const dot = output.indexOf('.');
  return dot < 0 ? output : output.slice(0, dot);
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`);
}

/**
 * Checks the graph: every input names a source or transform (wildcards such as `app_*` expand),
 * no empty inputs, no cycles, ids unique across kinds, at least one source and one sink. Returns
 * the expanded inputs keyed by `transforms.<id>` / `sinks.<id>`. Without `requireEnds` (unit tests),
 * a graph may lack sources and sinks and a component may have empty inputs.
 */
export function checkGraph(
  graph: GraphInput,
  report: (path: string, message: string) => void,
  { requireEnds = true }: { requireEnds?: boolean } = {},
): Map<string, string[]> {
  // Every output a component may read: sources, and each transform's default and named outputs.
  const producers = [...graph.sources];
  const namedOutputs = new Map<string, string[]>();
  for (const id of Object.keys(graph.transforms)) {
    const outputs = graph.transformOutputs?.[id];
    if (outputs === undefined || outputs.default) producers.push(id);
    const named = (outputs?.named ?? []).map((name) => `${id}.${name}`);
    producers.push(...named);
    namedOutputs.set(id, named);
  }
  const kindOf = new Map<string, string>();
  for (const [kind, ids] of [
    ['sources', graph.sources],
    ['transforms', Object.keys(graph.transforms)],
    ['sinks', Object.keys(graph.sinks)],
  ] as const) {
    for (const id of ids) {
      // Vector's check_names: a dot names a component's output (`route.errors`), never a component.
      if (id.includes('.'))
        report(
          `${kind}.${id}`,
          `component id "${id}" must not contain "." (as in Vector: a dot names an output)`,
        );
      const previous = kindOf.get(id);
      if (previous !== undefined) {
        report(
          `${kind}.${id}`,
          `component id "${id}" is used twice (also in ${previous}); ids must be unique`,
        );
      }
      kindOf.set(id, kind);
    }
  }
  if (requireEnds && graph.sources.length === 0)
    report('sources', 'no source is configured; a pipeline needs at least one');
  if (requireEnds && Object.keys(graph.sinks).length === 0)
    report('sinks', 'no sink is configured; a pipeline needs at least one');

  const resolved = new Map<string, string[]>();
  for (const [kind, table] of [
    ['transforms', graph.transforms],
    ['sinks', graph.sinks],
  ] as const) {
    for (const [id, inputs] of Object.entries(table)) {
      const path = `${kind}.${id}.inputs`;
      if (inputs === undefined) continue;
      if (inputs.length === 0) {
        if (requireEnds) report(path, `"${id}" has no inputs; list the components that feed it`);
        else resolved.set(`${kind}.${id}`, []);
        continue;
      }
      const expanded = new Set<string>();
      for (const input of inputs) {
        if (input.includes('*')) {
          const pattern = wildcardToRegExp(input);
          const matches = producers.filter(
            (producer) => componentOf(producer) !== id && pattern.test(producer),
          );
          if (matches.length === 0) report(path, `the wildcard "${input}" matches no source or transform`);
          for (const match of matches) expanded.add(match);
        } else if (
          input.endsWith(REJECTED_SUFFIX) &&
          Object.hasOwn(graph.sinks, input.slice(0, -REJECTED_SUFFIX.length))
        ) {
          const sink = input.slice(0, -REJECTED_SUFFIX.length);
          if (kind === 'sinks' && sink === id)
            report(path, `"${id}" lists its own rejected output as an input`);
          else expanded.add(input);
        } else if (input === id || (kind === 'transforms' && componentOf(input) === id)) {
          report(path, `"${id}" lists itself as an input`);
        } else if (!producers.includes(input)) {
          const named = namedOutputs.get(componentOf(input)) ?? [];
          if (named.length > 0 && !producers.includes(componentOf(input)) && input === componentOf(input))
            report(path, `"${input}" has no default output; read one of its outputs: ${named.join(', ')}`);
          else if (named.length > 0)
            report(
              path,
              `unknown input "${input}"; the outputs of "${componentOf(input)}" are: ${named.join(', ')}`,
            );
          else {
            const hint = didYouMean(input, producers);
            const isSink = Object.hasOwn(graph.sinks, input) ? ' (it is a sink, which has no output)' : '';
            report(path, `unknown input "${input}"${isSink}${hint}`);
          }
        } else {
          expanded.add(input);
        }
      }
      resolved.set(`${kind}.${id}`, [...expanded]);
    }
  }

  // Cycles can only run through transforms: depth-first search, reporting each cycle once.
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const input of resolved.get(`transforms.${id}`) ?? []) {
      const producer = componentOf(input);
      if (!Object.hasOwn(graph.transforms, producer)) continue;
      if (state.get(producer) === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(producer)), producer];
        report(`transforms.${producer}.inputs`, `cycle: ${cycle.join(' → ')}`);
      } else if (state.get(producer) === undefined) {
        visit(producer);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of Object.keys(graph.transforms)) if (state.get(id) === undefined) visit(id);
  checkRejectedCycles(resolved, report);
  return resolved;
}

const REJECTED_SUFFIX = '.rejected';

/**
 * Rejected routes must not loop (`a.rejected` → `b`, `b.rejected` → `a`): a sink only ends after
 * the sinks whose rejected events it reads, so a loop would never end. Follows every route through
 * transforms too.
 */
function checkRejectedCycles(
  resolved: ReadonlyMap<string, readonly string[]>,
  report: (path: string, message: string) => void,
): void {
  // Component id → the sinks whose rejected output reaches it, directly or through transforms.
  const feeders = (key: string, seen = new Set<string>()): string[] => {
    if (seen.has(key)) return [];
    seen.add(key);
    const found: string[] = [];
    for (const input of resolved.get(key) ?? []) {
      if (input.endsWith(REJECTED_SUFFIX) && resolved.has(`sinks.${componentOf(input)}`))
        found.push(componentOf(input));
      else if (resolved.has(`transforms.${componentOf(input)}`))
        found.push(...feeders(`transforms.${componentOf(input)}`, seen));
    }
    return found;
  };
  const sinks = [...resolved.keys()].filter((key) => key.startsWith('sinks.')).map((key) => key.slice(6));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (sink: string, path: string[]) => {
    state.set(sink, 'visiting');
    for (const feeder of feeders(`sinks.${sink}`)) {
      if (state.get(feeder) === 'visiting') {
        report(`sinks.${sink}.inputs`, `rejected routes loop: ${[...path, sink, feeder].join(' → ')}`);
      } else if (state.get(feeder) === undefined) {
        visit(feeder, [...path, sink]);
      }
    }
    state.set(sink, 'done');
  };
  for (const sink of sinks) if (state.get(sink) === undefined) visit(sink, []);
}

/** The plan's graph as Graphviz DOT or a Mermaid flowchart. */
export function renderGraph(
  graph: {
    sources: ReadonlyMap<string, { type: string }>;
    transforms: ReadonlyMap<string, { type: string; inputs: readonly string[] }>;
    sinks: ReadonlyMap<string, { type: string; inputs: readonly string[] }>;
  },
  format: 'dot' | 'mermaid',
): string {
  const nodes: Array<{ id: string; type: string; shape: 'source' | 'transform' | 'sink' }> = [];
  // A sink's `<id>.rejected` output is a second port of the sink node: a dashed edge labelled
  // `rejected` from the sink, not a node of its own. A transform's named output (`route.errors`)
  // is an edge from the transform labelled with the name.
  const edges: Array<{ from: string; to: string; rejected: boolean; label?: string }> = [];
  const edgeOf = (input: string, to: string) => {
    const from = componentOf(input);
    if (from === input) return { from, to, rejected: false };
    if (graph.sinks.has(from)) return { from, to, rejected: true };
    return { from, to, rejected: false, label: input.slice(from.length + 1) };
  };
  for (const [id, source] of graph.sources) nodes.push({ id, type: source.type, shape: 'source' });
  for (const [kind, table] of [
    ['transform', graph.transforms],
    ['sink', graph.sinks],
  ] as const) {
    for (const [id, component] of table) {
      nodes.push({ id, type: component.type, shape: kind });
      for (const input of component.inputs) edges.push(edgeOf(input, id));
    }
  }
  if (format === 'dot') {
    const shapes = { source: 'trapezium', transform: 'diamond', sink: 'invtrapezium' };
    return [
      'digraph {',
      ...nodes.map(
        (node) =>
          `  ${dotString(node.id)} [shape="${shapes[node.shape]}" label=${dotString(`${node.id}\n(${node.type})`)}]`,
      ),
      ...edges.map(
        ({ from, to, rejected, label }) =>
          `  ${dotString(from)} -> ${dotString(to)}${rejected ? ' [style="dashed" label="rejected"]' : label === undefined ? '' : ` [label=${dotString(label)}]`}`,
      ),
      '}',
    ].join('\n');
  }
  // Mermaid node ids: letters and digits kept, `_` doubled, anything else as `_hex_`, so two ids never meet.
  const mermaidId = (id: string) =>
    `n_${id.replace(/[^A-Za-z0-9]/gu, (character) => (character === '_' ? '__' : `_${character.codePointAt(0)?.toString(16)}_`))}`;
  const brackets = { source: ['[/', '/]'], transform: ['{{', '}}'], sink: ['[\\', '\\]'] };
  return [
    'flowchart LR',
    ...nodes.map((node) => {
      const [open, close] = brackets[node.shape];
      return `  ${mermaidId(node.id)}${open}"${mermaidText(`${node.id} (${node.type})`)}"${close}`;
    }),
    ...edges.map(
      ({ from, to, rejected, label }) =>
        `  ${mermaidId(from)} ${rejected ? '-. rejected .->' : label === undefined ? '-->' : `-->|"${mermaidText(label)}"|`} ${mermaidId(to)}`,
    ),
  ].join('\n');
}

/** A DOT quoted string (a line break becomes `\n`, which a label shows as one). */
function dotString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, '\\n')}"`;
}

/** Mermaid label text: everything but plain characters as `#code;` entities, so no quote or markup is raw. */
function mermaidText(text: string): string {
  return text.replace(/[^A-Za-z0-9 _.,:()/-]/gu, (character) => `#${character.codePointAt(0)};`);
}
