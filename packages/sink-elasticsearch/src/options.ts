import { awsAuthSchema, awsRegionSchemas, endpointUrl } from '@sluice/aws';
import { ConfigError, type OptionProblem } from '@sluice/component-api';
import { compressionOptionSchema, headersSchema, type NetworkSinkOptions, Template } from '@sluice/sink-kit';
import { basicAuthSchema, distributionSchema, splitCredentials } from '@sluice/sink-kit/http';

const TIMESTAMP_FORMATS = ['rfc3339', 'unix', 'unix_ms', 'unix_us', 'unix_ns', 'unix_float'] as const;

/** Vector's `elasticsearch` options (`src/sinks/elasticsearch/config.rs`); the kit adds `batch`, `request`, `tls`, `proxy`. */
export const ownOptions = {
  type: 'object',
  additionalProperties: false,
  properties: {
    endpoints: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', minLength: 1 },
      description:
        'Elasticsearch (or OpenSearch) endpoints: `http://host:9200` or `https://…`; no scheme means https, as Vector. Several: requests go round robin to the healthy ones (see `distribution`). Credentials in one (`https://user:pass@host`) are its basic auth; they and query values are never logged.',
      examples: [['http://localhost:9200']],
    },
    endpoint: {
      type: 'string',
      minLength: 1,
      description: 'Deprecated (Vector): one endpoint; use `endpoints`. Not both.',
    },
    mode: {
      type: 'string',
      enum: ['bulk', 'data_stream', 'normal'],
      default: 'bulk',
      description:
        '`bulk`: the bulk API with `bulk.action` into `bulk.index`; `data_stream`: `create` into the data stream `<type>-<dataset>-<namespace>`, `timestamp` renamed `@timestamp`. `normal` is an old name of `bulk`.',
    },
    bulk: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Bulk mode.',
      properties: {
        action: {
          type: 'string',
          default: 'index',
          description:
            'The bulk action: `index`, `create` or `update`; a template (`{{ action }}`): an event whose action renders to anything else is rejected.',
        },
        index: {
          type: 'string',
          default: 'vector-%Y.%m.%d',
          description:
            "The index, a template: `{{ field }}` and strftime items of the event's timestamp (UTC), e.g. `app-{{ service }}-%Y.%m.%d`.",
        },
        template_fallback_index: {
          type: 'string',
          description:
            'The index of an event whose `bulk.index` cannot be rendered; unset: such an event is rejected.',
        },
        version: {
          type: 'string',
          description: 'The document version (a template rendering an integer), with external versioning.',
        },
        version_type: {
          type: 'string',
          enum: ['internal', 'external', 'external_gt', 'external_gte'],
          default: 'internal',
          description: '`external` (`external_gt`) or `external_gte` need `bulk.version` and `id_key`.',
        },
      },
    },
    data_stream: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Data stream mode.',
      properties: {
        type: { type: 'string', default: 'logs', description: 'The data stream type, a template.' },
        dataset: { type: 'string', default: 'generic', description: 'The dataset, a template.' },
        namespace: { type: 'string', default: 'default', description: 'The namespace, a template.' },
        auto_routing: {
          type: 'boolean',
          default: true,
          description:
            "Take each part from the event's `data_stream.type`, `.dataset`, `.namespace` when present (checked as data stream names: no `-` in dataset and namespace), else from the templates.",
        },
        sync_fields: {
          type: 'boolean',
          default: true,
          description: "Add the event's missing `data_stream.type`, `.dataset`, `.namespace` fields.",
        },
      },
    },
    id_key: {
      type: 'string',
      minLength: 1,
      description:
        "The field holding the document's `_id` (a string or number), removed from the document. Unset: Elasticsearch makes the ids, and a retried item may be indexed twice if its first answer was lost.",
    },
    pipeline: { type: 'string', description: 'The ingest pipeline to apply (`?pipeline=`).' },
    api_version: {
      type: 'string',
      enum: ['auto', 'v6', 'v7', 'v8'],
      default: 'auto',
      description:
        '`auto`: read from the first endpoint that answers `GET /` at start (unknown: 8, or 6 with suppress_type_name). Before 7 the action carries `_type`.',
    },
    doc_type: {
      type: 'string',
      default: '_doc',
      description: 'The `_type` of documents, for Elasticsearch 6 and earlier.',
    },
    suppress_type_name: {
      type: 'boolean',
      default: false,
      description: 'Deprecated (Vector; use `api_version`): never send `_type`.',
    },
    request_retry_partial: {
      type: 'boolean',
      default: true,
      description:
        "Retry the documents a bulk answer failed with 429 or 5xx (only those: documents indexed are never sent again; set `id_key` so a retried document whose answer was lost cannot be indexed twice). false: they are rejected with Elasticsearch's reason (Vector's default is false; Sluice retries by default, as its Kinesis and Firehose sinks do, because a busy cluster answers 429 routinely). Documents failed with a 4xx are always rejected with their reason; a whole request answered 429 or 5xx is always retried.",
    },
    compression: {
      ...compressionOptionSchema,
      description:
        'Request body compression with its `Content-Encoding`: "none", "gzip", "zlib", "zstd" (Node 22.15+), "snappy", or `{ algorithm, level }`.',
    },
    encoding: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Changes to each document before it is written as JSON.',
      properties: {
        only_fields: { type: 'array', items: { type: 'string' }, description: 'Keep only these fields.' },
        except_fields: { type: 'array', items: { type: 'string' }, description: 'Leave out these fields.' },
        timestamp_format: {
          type: 'string',
          enum: [...TIMESTAMP_FORMATS],
          default: 'rfc3339',
          description: 'How timestamps are written: rfc3339, unix, unix_ms, unix_us, unix_ns, unix_float.',
        },
      },
    },
    auth: {
      oneOf: [
        basicAuthSchema,
        {
          type: 'object',
          additionalProperties: false,
          required: ['strategy'],
          properties: { strategy: { const: 'aws' }, ...awsAuthSchema.properties },
        },
      ],
      description:
        '`{ strategy = "basic", user, password }`, or `{ strategy = "aws", …Vector\'s AWS auth options }`: SigV4 for Amazon OpenSearch (`es`, or `aoss` when serverless) in `aws.region`. Secrets are never printed.',
    },
    aws: {
      type: 'object',
      additionalProperties: false,
      description: 'With `auth.strategy = "aws"`: the region requests are signed for.',
      properties: {
        region: {
          ...awsRegionSchemas.region,
          description: 'The signing region; default from the environment.',
        },
        endpoint: {
          ...awsRegionSchemas.endpoint,
          description: 'Accepted for Vector compatibility, no effect: requests go to `endpoints`.',
        },
      },
    },
    opensearch_service_type: {
      type: 'string',
      enum: ['managed', 'serverless'],
      default: 'managed',
      description:
        '`serverless` (OpenSearch Serverless): signed for `aoss`, needs aws auth and api_version auto (taken as 8), no healthcheck.',
    },
    query: {
      type: 'object',
      additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      description: 'Query parameters added to each bulk request (a list repeats the parameter).',
    },
    distribution: distributionSchema,
    dangerously_allow_unconfined_template_resolution: {
      type: 'boolean',
      default: false,
      description:
        'Accepted for Vector compatibility. Sluice does not confine templates; rendered index names that Elasticsearch refuses reject their documents, and auto-routed data stream parts are checked as Vector checks them.',
    },
  },
} as const;

/** The sink's own `request` options; the kit adds concurrency, timeouts, rate limit and retries. */
export const requestOptions = { headers: headersSchema } as const;

/** The sink's options, derived from its schema and the kit's tables. */
export type ElasticsearchSinkOptions = NetworkSinkOptions<typeof ownOptions, typeof requestOptions>;

/** Vector's checks that the schema cannot express, and the templates parsed once to find their errors. */
export function problemsOf(options: {
  endpoints?: readonly string[];
  endpoint?: string;
  mode: string;
  id_key?: string;
  api_version: string;
  opensearch_service_type: string;
  bulk: { action: string; index: string; version?: string; version_type: string };
  data_stream: { type: string; dataset: string; namespace: string };
  auth?: { strategy: string };
}): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (options.endpoint !== undefined && options.endpoints !== undefined)
    problem('endpoint', '`endpoint` and `endpoints` are mutually exclusive: use `endpoints`');
  if (options.endpoint === undefined && options.endpoints === undefined)
    problem('endpoints', 'give at least one endpoint');
  for (const endpoint of options.endpoints ?? (options.endpoint === undefined ? [] : [options.endpoint])) {
    try {
      const { url, credentials } = splitCredentials(endpointUrl(endpoint));
      if (!/^https?:$/.test(url.protocol))
        problem('endpoints', `"${url.protocol}" endpoints are not http(s)`);
      if (credentials !== undefined && options.auth !== undefined)
        problem('auth', 'an endpoint carries credentials too: give them in one place');
    } catch {
      problem('endpoints', 'an endpoint is not a URL');
    }
  }
  const { version, version_type: versionType } = options.bulk;
  if (version !== undefined && versionType === 'internal')
    problem('bulk.version', 'is ignored with internal versioning: set bulk.version_type');
  if (version === undefined && versionType !== 'internal')
    problem('bulk.version', `external versioning (${versionType}) needs a version`);
  if (version !== undefined && versionType !== 'internal' && options.id_key === undefined)
    problem('id_key', 'external versioning needs a document id');
  if (options.opensearch_service_type === 'serverless') {
    if (options.auth?.strategy !== 'aws')
      problem('auth', 'OpenSearch Serverless needs auth.strategy = "aws"');
    if (options.api_version !== 'auto')
      problem('api_version', 'OpenSearch Serverless needs api_version = "auto"');
  }
  const templates: [string, string | undefined][] =
    options.mode === 'data_stream'
      ? Object.entries(options.data_stream).filter(([name]) =>
          ['type', 'dataset', 'namespace'].includes(name),
        )
      : [
          ['action', options.bulk.action],
          ['index', options.bulk.index],
          ['version', version],
        ];
  const table = options.mode === 'data_stream' ? 'data_stream' : 'bulk';
  for (const [name, source] of templates) {
    try {
      if (source !== undefined) new Template(String(source), `${table}.${name}`);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const found of error.problems) problem(found.path, found.message);
    }
  }
  return problems;
}
