import type { JsonSchema } from '@sluice/component-api';
import { type AnyDefinition, envelopeSchema } from '@sluice/core-topology';
import { apiSchema } from './api.js';

const SECTION_OF = { source: 'sources', transform: 'transforms', sink: 'sinks' } as const;

/**
 * The JSON Schema of a whole config file, every installed component's options included, selected
 * by `type` (if/then), for editors' YAML/TOML plugins and `sluice schema`.
 */
export function configSchema(definitions: readonly AnyDefinition[]): JsonSchema {
  const envelope = structuredClone(envelopeSchema) as { properties: Record<string, JsonSchema> } & Record<
    string,
    unknown
  >;
  // The CLI's own block, next to the topology's envelope.
  envelope.properties.api = apiSchema;
  for (const [kind, section] of Object.entries(SECTION_OF)) {
    const ofKind = definitions.filter((definition) => definition.kind === kind);
    const table = envelope.properties[section] as { additionalProperties: Record<string, unknown> };
    const component = table.additionalProperties as { properties: Record<string, JsonSchema> } & Record<
      string,
      unknown
    >;
    const envelopeProperties = component.properties;
    component.properties = {
      ...envelopeProperties,
      type: {
        type: 'string',
        enum: ofKind.map((definition) => definition.type),
        description: `The ${kind} type.`,
      },
    };
    component.allOf = ofKind.map((definition) => {
      const options = definition.optionsSchema as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      const aliases =
        'deprecatedOptions' in definition ? Object.keys(definition.deprecatedOptions ?? {}) : [];
      return {
        if: { properties: { type: { const: definition.type } }, required: ['type'] },
        // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword here.
        then: {
          description: definition.description,
          properties: {
            ...envelopeProperties,
            ...options.properties,
            ...Object.fromEntries(
              aliases.map((alias) => [alias, { deprecated: true, description: 'Deprecated name.' }]),
            ),
            type: { const: definition.type },
          },
          required: options.required ?? [],
          additionalProperties: false,
        },
      };
    });
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://sluice.dev/schema/config.json',
    title: 'Sluice configuration',
    ...envelope,
  };
}
