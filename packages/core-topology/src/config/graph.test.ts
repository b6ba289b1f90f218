import { describe, expect, it } from 'vitest';
import { renderGraph } from './graph.js';

/** Ids a config can hold (quoted TOML keys): quotes, backslashes, brackets, newlines, markup. */
const hostile = ['in"] -> "evil', 'a\\', 'x\n}', 'b-c', 'b_c', '<img src=x>', 'k#quot;'];

function graphOf(ids: readonly string[]) {
  const [first, ...rest] = ids as [string, ...string[]];
  return {
    sources: new Map([[first, { type: 'socket' }]]),
    transforms: new Map(),
    sinks: new Map(rest.map((id) => [id, { type: 'console', inputs: [first] }])),
  };
}

describe('renderGraph', () => {
  it("draws a sink's rejected output as a dashed edge from the sink, not as a node of its own", () => {
    const graph = {
      sources: new Map([['in', { type: 'stdin' }]]),
      transforms: new Map(),
      sinks: new Map([
        ['k', { type: 'aws_kinesis_streams', inputs: ['in'] }],
        ['kept', { type: 'file', inputs: ['k.rejected'] }],
      ]),
    };
    const dot = renderGraph(graph, 'dot');
    expect(dot).toContain('  "k" -> "kept" [style="dashed" label="rejected"]');
    expect(dot).toContain('  "in" -> "k"\n');
    expect(dot).not.toContain('k.rejected');
    const mermaid = renderGraph(graph, 'mermaid');
    expect(mermaid).toContain('  n_k -. rejected .-> n_kept');
    expect(mermaid).not.toContain('rejected_');
  });

  it("draws a transform's named output as an edge from the transform labelled with the name", () => {
    const graph = {
      sources: new Map([['in', { type: 'stdin' }]]),
      transforms: new Map([['split', { type: 'route', inputs: ['in'] }]]),
      sinks: new Map([['errors', { type: 'console', inputs: ['split.errors'] }]]),
    };
    expect(renderGraph(graph, 'dot')).toContain('  "split" -> "errors" [label="errors"]');
    expect(renderGraph(graph, 'mermaid')).toContain('  n_split -->|"errors"| n_errors');
  });

  it('DOT: every id is one quoted string, whatever it holds', () => {
    const dot = renderGraph(graphOf(hostile), 'dot');
    const lines = dot.split('\n');
    expect(lines).toHaveLength(2 + hostile.length + (hostile.length - 1));
    // A DOT string ends at the first unescaped quote: strip the escapes and count what is left.
    for (const line of lines.slice(1, -1)) {
      const unescaped = line.replace(/\\./g, '');
      expect(unescaped.match(/"/g)?.length ?? 0, line).toBe(line.includes(' [shape=') ? 6 : 4);
    }
    expect(dot).toContain('"in\\"] -> \\"evil" -> "a\\\\"');
  });

  it('Mermaid: one distinct node per id, labels with no markup or quote left raw', () => {
    const mermaid = renderGraph(graphOf(hostile), 'mermaid');
    const lines = mermaid.split('\n');
    expect(lines).toHaveLength(1 + hostile.length + (hostile.length - 1));
    const nodeIds = lines.slice(1, 1 + hostile.length).map((line) => line.trim().split(/[[{]/)[0]);
    expect(new Set(nodeIds).size).toBe(hostile.length);
    for (const line of lines.slice(1, 1 + hostile.length)) {
      const label = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
      expect(label).not.toMatch(/["<>\n]/);
    }
    expect(mermaid).toContain('#60;img src#61;x#62; (console)');
  });
});
