import {
  defineTransform,
  type FieldMap,
  type FieldValue,
  getField,
  rateLimitedLog,
  removeField,
  SPECIFICATION_VERSION,
  setField,
} from '@sluice/component-api';

export interface AddFieldsOptions {
  fields: FieldMap;
  overwrite: boolean;
}

/** Flattens nested tables into dotted paths, so `{a: {b: 1}}` and `{"a.b": 1}` add the same field. */
function flatten(fields: FieldMap, prefix = ''): Array<[string, FieldValue]> {
  const entries: Array<[string, FieldValue]> = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const path = `${prefix}${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      entries.push(...flatten(value as FieldMap, `${path}.`));
    } else {
      entries.push([path, value]);
    }
  }
  return entries;
}

export const addFieldsTransform = defineTransform<AddFieldsOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'add_fields',
  description: 'Adds fields to every event; nested tables and dotted keys create nested fields.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['fields'],
    properties: {
      fields: {
        type: 'object',
        description: 'The fields to add: values may be strings, numbers, booleans, arrays or nested tables.',
      },
      overwrite: {
        type: 'boolean',
        default: true,
        description: 'Replace a field that already exists.',
      },
    },
  },
  create(options) {
    const entries = flatten(options.fields);
    return {
      transform(batch) {
        for (const event of batch) {
          for (const [path, value] of entries) {
            if (!options.overwrite && getField(event.fields, path) !== undefined) continue;
            setField(event.fields, path, structuredClone(value));
          }
        }
        return batch;
      },
    };
  },
});

export interface RemoveFieldsOptions {
  fields: string[];
}

export const removeFieldsTransform = defineTransform<RemoveFieldsOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'remove_fields',
  description: 'Removes fields (dotted paths) from every event.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['fields'],
    properties: {
      fields: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'The fields to remove, as dotted paths.',
      },
    },
  },
  create(options) {
    return {
      transform(batch) {
        for (const event of batch) for (const path of options.fields) removeField(event.fields, path);
        return batch;
      },
    };
  },
});

export interface ParseJsonOptions {
  field: string;
  drop_field: boolean;
}

export const parseJsonTransform = defineTransform<ParseJsonOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'parse_json',
  description:
    "Parses the JSON object in a field and merges it into the event (Vector's json_parser); parsed events are structured.",
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      field: { type: 'string', default: 'message', description: 'The field holding the JSON text.' },
      drop_field: {
        type: 'boolean',
        default: true,
        description: 'Remove the source field after a successful parse.',
      },
    },
  },
  create(options, context) {
    const failures = context.metrics.counter('component_errors_total', {
      error_type: 'parser_failed',
      stage: 'processing',
    });
    const warn = rateLimitedLog(context.logger, 'warn');
    return {
      transform(batch) {
        let failed = 0;
        for (const event of batch) {
          const text = getField(event.fields, options.field);
          let parsed: unknown;
          try {
            parsed = typeof text === 'string' ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
            failed += 1;
            continue;
          }
          if (options.drop_field) removeField(event.fields, options.field);
          Object.assign(event.fields, parsed as FieldMap);
          event.metadata.structured = true;
        }
        if (failed > 0) {
          failures.increment(failed);
          warn('field is not a JSON object; events left unchanged', { field: options.field, events: failed });
        }
        return batch;
      },
    };
  },
});
