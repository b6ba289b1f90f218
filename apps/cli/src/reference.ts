/**
 * The component reference (`docs/reference/*.md`), generated from each component's JSON Schema so
 * the docs cannot drift from what the validator accepts. A test fails when the files are stale;
 * `pnpm docs:reference` rewrites them.
 */
import type { JsonSchema } from '@sluice/component-api';
import type { AnyDefinition } from '@sluice/core-topology';

interface OptionRow {
  path: string;
  type: string;
  required: boolean;
  defaultValue: string;
  description: string;
}

const KIND_TITLES: Readonly<Record<AnyDefinition['kind'], string>> = {
  source: 'Sources',
  transform: 'Transforms',
  sink: 'Sinks',
  buffer: 'Buffers',
};

/** The file name of the reference page of one kind: `sources.md`, `sinks.md`, … */
export function referenceFileName(kind: AnyDefinition['kind']): string {
  return `${KIND_TITLES[kind].toLowerCase()}.md`;
}

/** One page per kind, every type of that kind in alphabetical order. */
export function renderReferencePages(definitions: readonly AnyDefinition[]): Map<string, string> {
  const pages = new Map<string, string>();
  for (const kind of Object.keys(KIND_TITLES) as AnyDefinition['kind'][]) {
    const ofKind = definitions.filter((definition) => definition.kind === kind);
    if (ofKind.length === 0) continue;
    const sections = ofKind
      .slice()
      .sort((first, second) => first.type.localeCompare(second.type))
      .map(renderDefinition);
    const header = [
      `# ${KIND_TITLES[kind]}`,
      '',
      "<!-- Generated from the components' JSON Schemas by `pnpm docs:reference`. Do not edit. -->",
      '',
    ];
    pages.set(referenceFileName(kind), `${[...header, ...sections].join('\n').trimEnd()}\n`);
  }
  return pages;
}

function renderDefinition(definition: AnyDefinition): string {
  const lines = [`## \`${definition.type}\``, '', definition.description, ''];
  const rows = optionRows(definition.optionsSchema, '');
  if (rows.length > 0) {
    lines.push('| option | type | default | description |', '|---|---|---|---|');
    for (const row of rows) {
      const name = row.required ? `\`${row.path}\` (required)` : `\`${row.path}\``;
      lines.push(`| ${name} | ${row.type} | ${row.defaultValue} | ${escapeCell(row.description)} |`);
    }
    lines.push('');
  } else {
    lines.push('No options.', '');
  }
  const aliases = 'deprecatedOptions' in definition ? definition.deprecatedOptions : undefined;
  if (aliases !== undefined && Object.keys(aliases).length > 0) {
    lines.push('Deprecated option names (still accepted, with a warning):', '');
    for (const [oldName, newName] of Object.entries(aliases)) lines.push(`- \`${oldName}\` → \`${newName}\``);
    lines.push('');
  }
  return lines.join('\n');
}

function optionRows(schema: JsonSchema, prefix: string): OptionRow[] {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties === undefined) return [];
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows: OptionRow[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    rows.push({
      path,
      type: typeOf(property),
      required: required.has(name),
      defaultValue: property.default === undefined ? '' : `\`${JSON.stringify(property.default)}\``,
      description: `${property.writeOnly === true ? 'Secret: never printed. ' : ''}${typeof property.description === 'string' ? property.description : ''}`,
    });
    if (property.type === 'object' && property.properties !== undefined)
      rows.push(...optionRows(property, `${path}.`));
  }
  return rows;
}

function typeOf(schema: JsonSchema): string {
  if (Array.isArray(schema.enum))
    return schema.enum.map((value) => `\`${JSON.stringify(value)}\``).join(' \\| ');
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  const variants = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (Array.isArray(variants)) return [...new Set(variants.map(typeOf))].join(' \\| ');
  if (Array.isArray(schema.type)) return schema.type.join(' \\| ');
  if (schema.type === 'array') {
    const items = schema.items as JsonSchema | undefined;
    return items === undefined ? 'array' : `array of ${typeOf(items)}`;
  }
  return typeof schema.type === 'string' ? schema.type : 'any';
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
