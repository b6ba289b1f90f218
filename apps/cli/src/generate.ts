import { ConfigError } from '@sluice/component-api';
import {
  type AnyDefinition,
  type ComponentRegistry,
  type DefinitionKind,
  planTopology,
} from '@sluice/core-topology';
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

/** TOML's inline rendering of a value: `"text"`, `1`, `true`, `["a"]`, `{ key = "value" }`. */
function tomlValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tomlValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, item]) => `${/^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key)} = ${tomlValue(item)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return stringify({ value })
    .replace(/^value = /, '')
    .trim();
}

const EMPTY_OF_TYPE: Readonly<Record<string, unknown>> = {
  string: '',
  integer: 0,
  number: 0,
  boolean: false,
  object: {},
  array: [],
};

/**
 * What a required option gets: the schema's first example (what the component documents as a
 * typical value), else its first allowed value, else its default, else an empty value of its type.
 */
function placeholderOf(property: PropertySchema | undefined): unknown {
  if (property === undefined) return '';
  const type = Array.isArray(property.type) ? property.type[0] : property.type;
  return (
    property.examples?.[0] ?? property.enum?.[0] ?? property.default ?? EMPTY_OF_TYPE[type ?? 'string'] ?? ''
  );
}

interface Planned {
  section: string;
  id: string;
  definition: AnyDefinition;
  /** Set in the config: type, inputs, the required options. */
  options: Record<string, unknown>;
}

function schemaOf(definition: AnyDefinition) {
  return definition.optionsSchema as { properties?: Record<string, PropertySchema>; required?: string[] };
}

function componentLines({ definition, options }: Planned): string[] {
  const lines = Object.entries(options).map(([name, value]) => `${name} = ${tomlValue(value)}`);
  for (const [name, property] of Object.entries(schemaOf(definition).properties ?? {})) {
    const value = property.default;
    // Optional ones as comments, with their defaults: what can be set, without changing anything.
    if (!(name in options) && value !== undefined && (typeof value !== 'object' || Array.isArray(value)))
      lines.push(`# ${name} = ${tomlValue(value)}`);
  }
  return lines;
}

/** Where a generated config keeps its data, when a component needs one (a file source's checkpoints). */
const GENERATED_DATA_DIR = '/var/lib/sluice';

/**
 * Adds what validation finds missing, until the config validates or nothing more can be added: an
 * option required only with another one (a socket's `address` in mode tcp), an option a problem
 * names (one of two, as Kinesis' `stream_name`), the documented example of a component whose
 * problem names no option (remap's `source`, one of three), and the global `data_dir`.
 */
async function fillRequired(
  planned: readonly Planned[],
  globals: Record<string, unknown>,
  registry: ComponentRegistry,
): Promise<void> {
  for (let round = 0; round < 3; round += 1) {
    const config: Record<string, unknown> = { ...globals, sources: {}, transforms: {}, sinks: {} };
    for (const component of planned)
      (config[component.section] as Record<string, unknown>)[component.id] = component.options;
    try {
      await planTopology(config, { registry });
      return;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      let added = false;
      for (const problem of error.problems) {
        const component = planned.find(
          (candidate) =>
            problem.path === `${candidate.section}.${candidate.id}` ||
            problem.path.startsWith(`${candidate.section}.${candidate.id}.`),
        );
        if (component === undefined) continue;
        const properties = schemaOf(component.definition).properties ?? {};
        const name = problem.path.slice(`${component.section}.${component.id}.`.length);
        if (name === 'data_dir' && globals.data_dir === undefined) {
          globals.data_dir = GENERATED_DATA_DIR;
          added = true;
          continue;
        }
        const unset = (option: string) => !(option in component.options);
        if (problem.path === `${component.section}.${component.id}`) {
          const documented = Object.keys(properties).find(
            (option) => unset(option) && properties[option]?.examples !== undefined,
          );
          if (documented === undefined) continue;
          component.options[documented] = placeholderOf(properties[documented]);
          added = true;
          continue;
        }
        if (name.includes('.') || !unset(name)) continue;
        if (!problem.message.startsWith('is required') && properties[name]?.examples === undefined) continue;
        component.options[name] = placeholderOf(properties[name]);
        added = true;
      }
      if (!added) return;
    }
  }
}

/** What the next components read of a transform: its default output, else its first named one. */
function outputOf(component: Planned): string {
  const outputs = (
    component.definition as { outputs?: (options: unknown) => { default: boolean; named: readonly string[] } }
  ).outputs?.(component.options);
  if (outputs === undefined || outputs.default) return component.id;
  return `${component.id}.${outputs.named[0] ?? '_unmatched'}`;
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
  const planned: Planned[] = [];
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
            ? [outputOf(planned.at(-1) as Planned)]
            : previous;
      const options: Record<string, unknown> = { type, ...(inputs === undefined ? {} : { inputs }) };
      const schema = schemaOf(definition);
      for (const name of schema.required ?? []) options[name] = placeholderOf(schema.properties?.[name]);
      planned.push({ section, id, definition, options });
      ids.push(id);
    }
    if (kind === 'transform' && ids.length > 0) previous = [outputOf(planned.at(-1) as Planned)];
    else if (kind === 'source') previous = ids;
  }
  if (planned.length === 0)
    throw new GenerateError('name at least one component, e.g. socket//aws_kinesis_streams');
  const globals: Record<string, unknown> = {};
  await fillRequired(planned, globals, registry);
  const blocks = planned.map((component) =>
    [`[${component.section}.${component.id}]`, ...componentLines(component)].join('\n'),
  );
  const header = Object.entries(globals).map(([name, value]) => `${name} = ${tomlValue(value)}\n\n`);
  return `${header.join('')}${blocks.join('\n\n')}\n`;
}
