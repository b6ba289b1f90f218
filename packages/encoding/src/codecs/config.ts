import type { JsonSchema, OptionProblem } from '@sluice/component-api';

export type Codec = 'json' | 'text' | 'raw_message' | 'csv' | 'logfmt' | 'gelf' | 'native_json';
/** Vector's `encoding.timestamp_format` values: `unix` is whole seconds, as in Vector. */
export type TimestampFormat = 'rfc3339' | 'unix' | 'unix_ms' | 'unix_us' | 'unix_ns' | 'unix_float';
const TIMESTAMP_FORMATS: readonly TimestampFormat[] = [
  'rfc3339',
  'unix',
  'unix_ms',
  'unix_us',
  'unix_ns',
  'unix_float',
];
const CODECS: readonly Codec[] = ['json', 'text', 'raw_message', 'csv', 'logfmt', 'gelf', 'native_json'];

/** The seed's string form (`encoding = "json"`) or Vector's table form (`encoding.codec = "json"`). */
export type EncodingConfig =
  | Codec
  | {
      codec?: Codec;
      json?: { pretty?: boolean };
      csv?: CsvOptions;
      gelf?: { max_chunk_size?: number };
      metric_tag_values?: 'single' | 'full';
      only_fields?: string[];
      except_fields?: string[];
      timestamp_format?: TimestampFormat;
    };

export interface CsvOptions {
  fields: string[];
  delimiter?: string;
  quote?: string;
  escape?: string;
  double_quote?: boolean;
  quote_style?: 'always' | 'necessary' | 'never';
}

/** Embed as the `encoding` property of a component's options schema. */
export const encodingOptionSchema: JsonSchema = {
  description:
    'How events are encoded: "json" (the whole event, keys sorted, as Vector), "text" or "raw_message" (the `message` field), "csv" (with csv.fields), ' +
    '"logfmt", "gelf", "native_json" ({"log": event}), ' +
    'or a table { codec, json.pretty, only_fields, except_fields, timestamp_format: rfc3339 | unix (seconds) | ' +
    'unix_ms | unix_us | unix_ns | unix_float }, as Vector. Unset: dynamic — ' +
    'structured (parsed) events as JSON, unstructured ones as text, so raw lines pass through unchanged.',
  oneOf: [
    { type: 'string', enum: [...CODECS] },
    {
      type: 'object',
      additionalProperties: false,
      properties: {
        codec: {
          type: 'string',
          enum: [...CODECS],
          description:
            'The codec; unset means dynamic (json for structured events, text otherwise). raw_message is text, as in Vector.',
        },
        csv: {
          type: 'object',
          additionalProperties: false,
          required: ['fields'],
          description: 'Options of the csv codec (as Vector): the fields, in order, and the quoting.',
          properties: {
            fields: {
              type: 'array',
              minItems: 1,
              items: { type: 'string', minLength: 1 },
              description: 'The fields to write, in order (dotted paths); a missing one is empty.',
            },
            delimiter: {
              type: 'string',
              minLength: 1,
              maxLength: 1,
              default: ',',
              description: 'Field separator.',
            },
            quote: {
              type: 'string',
              minLength: 1,
              maxLength: 1,
              default: '"',
              description: 'Quote character.',
            },
            escape: {
              type: 'string',
              minLength: 1,
              maxLength: 1,
              default: '"',
              description: 'Escapes a quote when double_quote is false.',
            },
            double_quote: {
              type: 'boolean',
              default: true,
              description: 'Write a quote inside a field as two quotes.',
            },
            quote_style: {
              type: 'string',
              enum: ['always', 'necessary', 'never'],
              default: 'necessary',
              description: 'Quote every field, only those that need it, or none.',
            },
            capacity: {
              type: 'integer',
              minimum: 0,
              description: "Vector's internal buffer size; accepted, not needed.",
            },
          },
        },
        gelf: {
          type: 'object',
          additionalProperties: false,
          description: 'Options of the gelf codec.',
          properties: {
            max_chunk_size: {
              type: 'integer',
              minimum: 13,
              default: 8192,
              description:
                "Vector's chunk size of GELF over UDP; accepted, no effect (Sluice's sinks are streams, which GELF does not chunk).",
            },
          },
        },
        metric_tag_values: {
          type: 'string',
          enum: ['single', 'full'],
          default: 'single',
          description:
            "Vector's option for metric tags (json, text); accepted, no effect: Sluice carries logs only.",
        },
        json: {
          type: 'object',
          additionalProperties: false,
          description: 'Options of the json codec.',
          properties: {
            pretty: {
              type: 'boolean',
              default: false,
              description: 'Indent the JSON (two spaces, one field per line), as Vector.',
            },
          },
        },
        only_fields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Keep only these fields (dotted paths), for every codec, as Vector.',
        },
        except_fields: {
          type: 'array',
          items: { type: 'string' },
          description: 'Leave out these fields (dotted paths), for every codec, as Vector.',
        },
        timestamp_format: {
          type: 'string',
          enum: [...TIMESTAMP_FORMATS],
          default: 'rfc3339',
          description:
            'How timestamps are written, for every codec, as Vector: rfc3339, unix (whole seconds), unix_ms, unix_us, unix_ns (integers), unix_float (seconds as a float).',
        },
      },
    },
  ],
};

/**
 * The checks of a sink's `encoding` option the schema cannot express, for the sink's `validate`
 * (paths inside the sink's options).
 */
export function encodingProblems(config: EncodingConfig | undefined): OptionProblem[] {
  const table = typeof config === 'string' ? { codec: config } : (config ?? {});
  const overlap = (table.only_fields ?? []).filter((path) => table.except_fields?.includes(path));
  if (overlap.length > 0)
    return [
      {
        path: 'encoding',
        message: `\`except_fields\` and \`only_fields\` should be mutually exclusive (both name ${overlap.join(', ')})`,
      },
    ];
  if (table.codec === 'csv' && (table.csv?.fields.length ?? 0) === 0)
    return [{ path: 'encoding.csv.fields', message: 'the csv codec needs at least one field' }];
  return [];
}

/** The codec of a config; `undefined` is the seed's dynamic encoding. */
export function codecOf(config: EncodingConfig | undefined): Codec | undefined {
  return typeof config === 'string' ? config : config?.codec;
}
