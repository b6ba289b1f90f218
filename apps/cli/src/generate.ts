import type { AnyDefinition, DefinitionKind } from '@sluice/core-topology';
import { stringify } from 'smol-toml';
import { builtinRegistry, installedDefinitions } from './builtins.js';

const SECTIONS = [
  ['source', 'sources'],
  ['transform', 'transforms'],
  ['sink', 'sinks'],
] as const;

interface PropertySchema {
  type?: string | string[];
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  description?: string;
}

/** A problem with the expression, for a usage error. */
export class GenerateError extends Error {
  constructor(
    message: string,
    readonly type?: string,
    readonly known: readonly string[] = [],
  ) {
    super(message);
  }
}

/** Scalars only: TOML's inline rendering of a value (`"text"`, `1`, `true`, `["a"]`). */
function tomlValue(value: unknown): string {
  return stringify({ value })
    .replace(/^value = /, '')
    .trim();
}

function componentLines(definition: AnyDefinition, inputs: readonly string[] | undefined): string[] {
  const schema = definition.optionsSchema as {
    properties?: Record<string, PropertySchema>;
    required?: string[];
  };
  const lines = [`type = ${tomlValue(definition.type)}`];
  if (inputs !== undefined) lines.push(`inputs = ${tomlValue(inputs)}`);
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const value = property.default ?? property.examples?.[0];
    if (required.has(name)) {
      lines.push(
        value === undefined
          ? `${name} = "" # required: ${property.description ?? ''}`
          : `${name} = ${tomlValue(value)}`,
      );
    } else if (property.default !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
      // Optional ones as comments, with their defaults: what can be set, without changing anything.
      lines.push(`# ${name} = ${tomlValue(value)}`);
    }
  }
  return lines;
}

/**
 * A config skeleton from component types, as `vector generate`: `sources/transforms/sinks`, each a
 * comma-separated list (`socket/parse_json/aws_kinesis_streams`, `demo_logs//console`). Ids are
 * `source0`, `transform0`, `sink0`…; transforms are chained, sinks read the last of them (or every
 * source).
 */
export async function generateConfig(expression: string): Promise<string> {
  const parts = expression.split('/');
  if (parts.length > 3)
    throw new GenerateError(`expected SOURCES/TRANSFORMS/SINKS, got ${parts.length} parts: "${expression}"`);
  const registry = builtinRegistry();
  const definitions = await installedDefinitions(registry);
  const blocks: string[] = [];
  let previous: string[] = [];
  for (const [index, [kind, section]] of SECTIONS.entries()) {
    const types = (parts[index] ?? '')
      .split(',')
      .map((type) => type.trim())
      .filter((type) => type !== '');
    const ids: string[] = [];
    for (const [position, type] of types.entries()) {
      const definition = definitions.find(
        (candidate) => candidate.kind === (kind as DefinitionKind) && candidate.type === type,
      );
      const known = definitions
        .filter((candidate) => candidate.kind === kind)
        .map((candidate) => candidate.type);
      if (definition === undefined) throw new GenerateError(`unknown ${kind} type '${type}'`, type, known);
      const id = `${kind}${position}`;
      // Transforms are chained one after the other; sinks all read what came last.
      const inputs =
        kind === 'source'
          ? undefined
          : kind === 'transform' && position > 0
            ? [`${kind}${position - 1}`]
            : previous;
      blocks.push([`[${section}.${id}]`, ...componentLines(definition, inputs)].join('\n'));
      ids.push(id);
    }
    if (kind === 'transform' && ids.length > 0) previous = [ids.at(-1) as string];
    else if (kind === 'source') previous = ids;
  }
  if (blocks.length === 0)
    throw new GenerateError('name at least one component, e.g. socket//aws_kinesis_streams');
  return `${blocks.join('\n\n')}\n`;
}
