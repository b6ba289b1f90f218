import {
  cloneValue,
  defineTransform,
  type FieldMap,
  type FieldValue,
  finalizeEvents,
  getField,
  isFieldMap,
  type LogEvent,
  NESTING_LIMIT,
  NestingLimitError,
  nestsTooDeep,
  type OptionProblem,
  rateLimitedLog,
  refuseInvalidOptions,
  removeField,
  SPECIFICATION_VERSION,
  setField,
  type TransformDefinition,
} from '@sluice/component-api';
import { parseJsonExact, parseTemplate, type Template } from '@sluice/encoding';

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
    if (isFieldMap(value)) {
      entries.push(...flatten(value, `${path}.`));
    } else {
      entries.push([path, value]);
    }
  }
  return entries;
}

/** One step of a path: a field name or an array index. */
export type PathSegment = string | number;

/** `a.b[0][1].c` as segments (`['a', 'b', 0, 1, 'c']`); a plain dotted path has no numbers. */
function segmentsOf(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null || match[2] === '') {
      segments.push(part);
      continue;
    }
    if (match[1] !== '') segments.push(match[1] as string);
    for (const index of (match[2] as string).matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

type Container = FieldMap | FieldValue[];

const isMap = (value: FieldValue | undefined): value is FieldMap => isFieldMap(value);

/** The value at a path with array indexes, or undefined. */
export function getFieldAt(fields: FieldMap, segments: readonly PathSegment[]): FieldValue | undefined {
  let current: FieldValue | undefined = fields;
  for (const segment of segments) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isMap(current) ? current[segment] : undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * Writes a path with array indexes, as Vector's `insert`: `a[2]` makes `a` an array (holes are
 * null), and a value of the wrong kind on the way is replaced.
 */
export function insertFieldAt(fields: FieldMap, segments: readonly PathSegment[], value: FieldValue): void {
  let current: Container = fields;
  for (const [position, segment] of segments.entries()) {
    const last = position === segments.length - 1;
    const next = segments[position + 1];
    const slot = current as Record<PathSegment, FieldValue | undefined>;
    if (Array.isArray(current) && typeof segment === 'number') {
      while (current.length < segment) current.push(null);
    }
    if (last) {
      slot[segment] = value;
      return;
    }
    let child = slot[segment];
    if (typeof next === 'number' ? !Array.isArray(child) : !isMap(child)) {
      child = typeof next === 'number' ? [] : {};
      slot[segment] = child;
    }
    current = child as Container;
  }
}

/**
 * A field add_fields would add that nests past the limit in the event (its map is level 1): a deep
 * table in the config, or a dotted key of as many segments. Refused when the config is planned.
 */
function addFieldsProblems(options: AddFieldsOptions): OptionProblem[] {
  const tooDeep =
    nestsTooDeep(options.fields) ||
    flatten(options.fields).some(([path, value]) => {
      const depth = segmentsOf(path).length;
      return depth >= NESTING_LIMIT || nestsTooDeep(value, depth + 1);
    });
  return tooDeep ? [{ path: 'fields', message: new NestingLimitError('a field it adds').message }] : [];
}

export const addFieldsTransform = defineTransform<AddFieldsOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'add_fields',
  // `2.0` is added as the float 2.0, an integer beyond 2^53 exactly, as Vector adds them.
  eventValueOptions: ['fields'],
  description:
    'Legacy (Vector before 0.22): adds fields to every event; nested tables and dotted keys create nested fields, `a[0]` keys arrays, and a string renders `{{ field }}` and strftime templates.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['fields'],
    properties: {
      fields: {
        type: 'object',
        description:
          'The fields to add: values may be strings, numbers, booleans, arrays or nested tables; a key may hold array indexes (`"a[0]" = 0` builds an array, as in Vector). A string is a template, as old Vector\'s: `{{ field }}` is replaced by that field of the event (when the event lacks it, the field is not added and the error counted) and strftime specifiers (`%Y-%m-%d`) by its timestamp.',
        examples: [{ environment: 'production' }],
      },
      overwrite: {
        type: 'boolean',
        default: true,
        description: 'Replace a field that already exists.',
      },
    },
  },
  validate: addFieldsProblems,
  create(options, context) {
    refuseInvalidOptions(addFieldsProblems(options));
    const templateFailed = context.metrics.counter('component_errors_total', {
      error_type: 'template_failed',
      stage: 'processing',
    });
    const warn = rateLimitedLog(context.logger, 'warn');
    const entries = flatten(options.fields).map(([path, value]) => ({
      segments: segmentsOf(path),
      path,
      value,
      template: templateOf(value),
    }));
    return {
      transform(batch) {
        for (const event of batch) {
          for (const { segments, path, value, template } of entries) {
            if (!options.overwrite && getFieldAt(event.fields, segments) !== undefined) continue;
            if (template === undefined) {
              insertFieldAt(event.fields, segments, cloneValue(value));
              continue;
            }
            const rendered = template.render(event.fields);
            if ('text' in rendered) insertFieldAt(event.fields, segments, rendered.text);
            else {
              // As Vector's add_fields: the field is not added, the event goes on.
              templateFailed.increment();
              warn('failed to render a template: missing fields; the field is not added', {
                field: path,
                missing_keys: rendered.missing.join(', '),
              });
            }
          }
        }
        return batch;
      },
    };
  },
});

/**
 * A string value as old Vector's add_fields read it: a template (`{{ field }}`, strftime `%Y`)
 * when it has a dynamic part and parses; any other string stays a plain value.
 */
function templateOf(value: FieldValue): Template | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const template = parseTemplate(value, { legacy: true });
    return template.isDynamic ? template : undefined;
  } catch {
    return undefined;
  }
}

export interface RemoveFieldsOptions {
  fields: string[];
  drop_empty: boolean;
}

/** Removes a dotted path and then each parent left empty by it, up to the root (Vector's `remove_prune`). */
function removePruning(fields: FieldMap, path: string): void {
  if (!removeField(fields, path)) return;
  const parts = path.split('.');
  for (let length = parts.length - 1; length > 0; length -= 1) {
    const parent = parts.slice(0, length).join('.');
    const value = getField(fields, parent);
    if (!isMap(value) || Object.keys(value).length > 0) return;
    removeField(fields, parent);
  }
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
        examples: [['password']],
      },
      drop_empty: {
        type: 'boolean',
        default: false,
        description:
          'Also remove a table that removing a field left empty, and its parents when they become empty.',
      },
    },
  },
  create(options) {
    const remove = options.drop_empty ? removePruning : removeField;
    return {
      transform(batch) {
        for (const event of batch) for (const path of options.fields) remove(event.fields, path);
        return batch;
      },
    };
  },
});

export interface ParseJsonOptions {
  field: string;
  drop_field: boolean;
  drop_invalid: boolean;
  target_field?: string;
  overwrite_target: boolean;
}

const parseJsonDefinition: Omit<TransformDefinition<ParseJsonOptions>, 'type' | 'description'> = {
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
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
      drop_invalid: {
        type: 'boolean',
        default: false,
        description:
          'Drop an event whose field is not a JSON object (counted in component_discarded_events_total and logged); otherwise it passes unchanged.',
      },
      target_field: {
        type: 'string',
        minLength: 1,
        description:
          'Put the parsed object under this field (a dotted path) instead of merging it into the root.',
      },
      overwrite_target: {
        type: 'boolean',
        default: false,
        description: 'With target_field: replace a field already there; otherwise the event passes unparsed.',
      },
    },
  },
  create(options, context) {
    const failures = context.metrics.counter('component_errors_total', {
      error_type: 'parser_failed',
      stage: 'processing',
    });
    const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'true' });
    const warn = rateLimitedLog(context.logger, 'warn');
    const warnTargetTaken = rateLimitedLog(context.logger, 'warn');
    // The level of the parsed object in the event: 1 merged into the root, deeper under target_field.
    const targetLevel = options.target_field === undefined ? 1 : options.target_field.split('.').length + 1;
    return {
      transform(batch) {
        let failed = 0;
        let targetTaken = 0;
        const dropped: LogEvent[] = [];
        for (const event of batch) {
          const text = getField(event.fields, options.field);
          let parsed: unknown;
          try {
            // Numbers as Vector's json parser reads them (serde_json: `2.0` a float, i64 exact).
            parsed =
              typeof text === 'string' ? parseJsonExact(text, { unsignedBeyondI64: 'string' }) : undefined;
          } catch {
            parsed = undefined;
          }
          // Under target_field, the parsed object sits deeper: the nesting limit counts from the event.
          if (
            parsed === null ||
            typeof parsed !== 'object' ||
            Array.isArray(parsed) ||
            (targetLevel > 1 && nestsTooDeep(parsed, targetLevel))
          ) {
            failed += 1;
            if (options.drop_invalid) dropped.push(event);
            continue;
          }
          if (options.target_field !== undefined) {
            if (!options.overwrite_target && getField(event.fields, options.target_field) !== undefined) {
              targetTaken += 1;
              continue;
            }
            if (options.drop_field) removeField(event.fields, options.field);
            setField(event.fields, options.target_field, parsed as FieldMap);
          } else {
            if (options.drop_field) removeField(event.fields, options.field);
            Object.assign(event.fields, parsed as FieldMap);
          }
          event.metadata.structured = true;
        }
        if (failed + targetTaken > 0) failures.increment(failed + targetTaken);
        if (failed > 0) {
          warn(
            options.drop_invalid
              ? 'field is not a JSON object; events dropped (drop_invalid)'
              : 'field is not a JSON object; events left unchanged',
            { field: options.field, events: failed },
          );
        }
        if (targetTaken > 0)
          warnTargetTaken('target field already exists; events left unparsed (overwrite_target = false)', {
            target_field: options.target_field,
            events: targetTaken,
          });
        if (dropped.length === 0) return batch;
        finalizeEvents(dropped, 'dropped');
        discarded.increment(dropped.length);
        const drop = new Set(dropped);
        return batch.filter((event) => !drop.has(event));
      },
    };
  },
};

export const parseJsonTransform = defineTransform<ParseJsonOptions>({
  ...parseJsonDefinition,
  type: 'parse_json',
  description:
    'Parses the JSON object in a field and merges it into the event (or under target_field); parsed events are structured.',
});

/** Vector's older name of the same transform, with the same options. */
export const jsonParserTransform = defineTransform<ParseJsonOptions>({
  ...parseJsonDefinition,
  type: 'json_parser',
  description: "Vector's older name of parse_json (json_parser), with the same options.",
});
