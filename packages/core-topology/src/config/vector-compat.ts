import type { JsonSchema } from '@sluice/component-api';
import type { AnyDefinition } from '../registry.js';
import { envelopeSchema, IGNORED_VECTOR_GLOBALS } from './envelope.js';
import { dropKeysVectorIgnores } from './ignored-keys.js';
import { VECTOR_DEPRECATED_GLOBALS } from './vector-reference.js';

/*
 * The parts of planning a config that follow what Vector accepts: its globals Sluice does not
 * implement, its log namespacing, and the envelope tables where it ignores unknown keys.
 */

type Report = (path: string, message: string) => void;

function isTable(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The components of a section that are tables. */
function componentsOf(section: unknown): Record<string, Record<string, unknown>> {
  if (!isTable(section)) return {};
  return Object.fromEntries(
    Object.entries(section).filter((entry): entry is [string, Record<string, unknown>] => isTable(entry[1])),
  );
}

const LOG_NAMESPACE_REFUSED =
  "is Vector's log namespacing, which changes the shape of every event (the message at the root, metadata apart); Sluice does not implement it yet and writes the legacy shape: remove it, or set it to false";

/** The global `schema`: log_namespace = true refused (not silently ignored), the rest warned. */
export function checkLogNamespace(schema: unknown, path: string, report: Report, warn: Report): void {
  if (!isTable(schema)) return;
  if (schema.log_namespace === true) report(`${path}.log_namespace`, LOG_NAMESPACE_REFUSED);
  for (const key of ['enabled', 'validation'])
    if (schema[key] === true)
      warn(`${path}.${key}`, "is Vector's schema checking, which Sluice does not implement; ignored");
}

/**
 * A source's `log_namespace` (a hidden option of Vector's sources): true is refused, as the global
 * one; false, the legacy shape Sluice writes, is taken out.
 */
export function checkSourceLogNamespace(own: Record<string, unknown>, path: string, report: Report): void {
  if (own.log_namespace === true) report(`${path}.log_namespace`, LOG_NAMESPACE_REFUSED);
  if (typeof own.log_namespace === 'boolean') delete own.log_namespace;
}

export function hasOption(definition: AnyDefinition, option: string): boolean {
  const properties = (definition.optionsSchema as { properties?: Record<string, unknown> }).properties;
  return properties !== undefined && Object.hasOwn(properties, option);
}

/** The envelope schema of a key of the top level, or of a component of `section`. */
function envelopeSchemaOf(section: string | undefined, key: string): JsonSchema | undefined {
  const properties = (schema: unknown) => (schema as { properties?: Record<string, JsonSchema> }).properties;
  if (section === undefined) return properties(envelopeSchema)?.[key];
  const table = properties(envelopeSchema)?.[section] as { additionalProperties?: unknown } | undefined;
  return properties(table?.additionalProperties)?.[key];
}

/**
 * The envelope's tables where Vector ignores unknown keys (`healthchecks`, a sink's `healthcheck`
 * and `acknowledgements`): their unknown keys are dropped with a warning before the envelope is
 * checked. A component's own options get the same in `componentOptions`.
 */
export function dropEnvelopeKeysVectorIgnores(config: Record<string, unknown>, warn: Report): void {
  for (const key of ['healthchecks', 'acknowledgements'])
    dropKeysVectorIgnores(config[key], envelopeSchemaOf(undefined, key), { component: '' }, key, '', warn);
  for (const [id, sink] of Object.entries(componentsOf(config.sinks))) {
    const component = `sink:${typeof sink.type === 'string' ? sink.type : '*'}`;
    for (const key of ['healthcheck', 'acknowledgements'])
      dropKeysVectorIgnores(
        sink[key],
        envelopeSchemaOf('sinks', key),
        { component },
        key,
        `sinks.${id}`,
        warn,
      );
  }
}

/**
 * Vector's global options Sluice does not implement are accepted with one warning each, naming the
 * option, and left out of what is checked.
 */
export function acceptVectorGlobals(config: Record<string, unknown>, warn: Report): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (!IGNORED_VECTOR_GLOBALS.includes(key)) {
      kept[key] = value;
    } else if (VECTOR_DEPRECATED_GLOBALS[key] !== undefined) {
      warn(
        key,
        `is deprecated in Vector; use ${VECTOR_DEPRECATED_GLOBALS[key]} (Sluice implements neither yet; ignored)`,
      );
    } else {
      warn(key, 'is a Vector global option that Sluice does not implement yet; ignored');
    }
  }
  return kept;
}
