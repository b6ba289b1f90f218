import { type AnyDefinition, planTopology } from '@sluice/core-topology';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { builtinRegistry, installedDefinitions } from './builtins.js';
import { generateConfig } from './generate.js';
import { LOADS_EVERY_COMPONENT_MS } from './test-helpers/timeouts.js';

/** An expression naming a type with what it needs around it: a source for a sink, and so on. */
function expressionFor(definition: AnyDefinition): string {
  const { kind, type } = definition;
  if (kind === 'source') return `${type}//blackhole`;
  if (kind === 'transform') return `demo_logs/${type}/blackhole`;
  const accepts = (definition as { inputTypes?: readonly string[] }).inputTypes ?? ['log'];
  return `${accepts.includes('log') ? 'demo_logs' : 'internal_metrics'}//${type}`;
}

describe('sluice generate', () => {
  it(
    'emits a config that validates, for every source, transform and sink type',
    async () => {
      const definitions = (await installedDefinitions(builtinRegistry())).filter(
        (definition) => definition.kind !== 'buffer',
      );
      expect(definitions.length).toBeGreaterThanOrEqual(15);
      for (const definition of definitions) {
        const text = await generateConfig(expressionFor(definition));
        const planned = planTopology(parse(text), { registry: builtinRegistry() });
        await expect(planned, `${definition.kind} ${definition.type}:\n${text}`).resolves.toBeDefined();
      }
    },
    LOADS_EVERY_COMPONENT_MS,
  );

  it('gives required options the placeholder their schema documents, and what validation asks for', async () => {
    const text = await generateConfig('socket/add_fields/aws_kinesis_streams,http');
    expect(text).toContain('[sources.source0]\ntype = "socket"\nmode = "tcp"\naddress = "0.0.0.0:9000"\n');
    expect(text).toContain('fields = { environment = "production" }');
    expect(text).toContain('stream_name = "my-stream"');
    expect(text).toContain('uri = "https://collector.example.com/ingest"');
  });
});
