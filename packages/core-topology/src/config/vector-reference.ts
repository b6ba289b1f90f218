/**
 * Names from Vector's configuration reference (vectordotdev/vector, `website/cue/reference/`:
 * `components/{sources,transforms,sinks}/generated/*.cue` and `generated/configuration.cue`),
 * so a Vector config that uses something Sluice lacks gets "Vector has it, Sluice does not" rather
 * than a wrong guess. One list, used by the registry, the envelope and the option checks.
 */

/** Vector's component types by kind (Vector's reference, plus the `unit_test` types Vector uses internally left out). */
export const VECTOR_COMPONENT_TYPES = {
  source: [
    'amqp',
    'apache_metrics',
    'aws_ecs_metrics',
    'aws_kinesis_firehose',
    'aws_s3',
    'aws_sqs',
    'datadog_agent',
    'demo_logs',
    'dnstap',
    'docker_logs',
    'eventstoredb_metrics',
    'exec',
    'file',
    'file_descriptor',
    'fluent',
    'gcp_pubsub',
    'heroku_logs',
    'host_metrics',
    'http',
    'http_client',
    'http_server',
    'internal_logs',
    'internal_metrics',
    'journald',
    'kafka',
    'kubernetes_logs',
    'logstash',
    'mongodb_metrics',
    'mqtt',
    'nats',
    'nginx_metrics',
    'okta',
    'opentelemetry',
    'postgresql_metrics',
    'prometheus_pushgateway',
    'prometheus_remote_write',
    'prometheus_scrape',
    'pulsar',
    'redis',
    'socket',
    'splunk_hec',
    'static_metrics',
    'statsd',
    'stdin',
    'syslog',
    'vector',
    'websocket',
    'windows_event_log',
  ],
  transform: [
    'aggregate',
    'aws_ec2_metadata',
    'dedupe',
    'delay',
    'exclusive_route',
    'filter',
    'incremental_to_absolute',
    'log_to_metric',
    'lua',
    'metric_to_log',
    'reduce',
    'remap',
    'route',
    'sample',
    'tag_cardinality_limit',
    'throttle',
    'trace_to_log',
    'window',
    // Removed from Vector in favour of `remap`; old configs still use them.
    'add_tags',
    'ansi_stripper',
    'aws_cloudwatch_logs_subscription_parser',
    'coercer',
    'concat',
    'field_filter',
    'geoip',
    'grok_parser',
    'key_value_parser',
    'logfmt_parser',
    'merge',
    'regex_parser',
    'remove_tags',
    'rename_fields',
    'split',
    'swimlanes',
    'tokenizer',
  ],
  sink: [
    'amqp',
    'appsignal',
    'aws_cloudwatch_logs',
    'aws_cloudwatch_metrics',
    'aws_kinesis_firehose',
    'aws_kinesis_streams',
    'aws_s3',
    'aws_sns',
    'aws_sqs',
    'axiom',
    'azure_blob',
    'azure_logs_ingestion',
    'blackhole',
    'clickhouse',
    'console',
    'databend',
    'databricks_zerobus',
    'datadog_events',
    'datadog_logs',
    'datadog_metrics',
    'datadog_traces',
    'doris',
    'elasticsearch',
    'file',
    'gcp_chronicle_unstructured',
    'gcp_cloud_storage',
    'gcp_pubsub',
    'gcp_stackdriver_logs',
    'gcp_stackdriver_metrics',
    'greptimedb',
    'greptimedb_logs',
    'greptimedb_metrics',
    'honeycomb',
    'http',
    'humio_logs',
    'humio_metrics',
    'influxdb_logs',
    'influxdb_metrics',
    'kafka',
    'keep',
    'loki',
    'mezmo',
    'mqtt',
    'nats',
    'new_relic',
    'opentelemetry',
    'papertrail',
    'postgres',
    'prometheus_exporter',
    'prometheus_remote_write',
    'pulsar',
    'redis',
    'sematext_logs',
    'sematext_metrics',
    'socket',
    'splunk_hec_logs',
    'splunk_hec_metrics',
    'statsd',
    'vector',
    'webhdfs',
    'websocket',
    'websocket_server',
  ],
} as const satisfies Record<'source' | 'transform' | 'sink', readonly string[]>;

/**
 * The top-level options of Vector's components that Sluice also has (generated reference), so an
 * option Sluice lacks is named as such. Envelope options (`inputs`, `buffer`, …) are not listed.
 */
export const VECTOR_COMPONENT_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  'source:socket': [
    'address',
    'connection_limit',
    'decoding',
    'framing',
    'host_key',
    'keepalive',
    'max_connection_duration_secs',
    'max_length',
    'mode',
    'multicast_groups',
    'multicast_interface',
    'path',
    'permit_origin',
    'port_key',
    'receive_buffer_bytes',
    'shutdown_timeout_secs',
    'socket_file_mode',
    'tls',
    'tls_handshake_timeout_secs',
  ],
  'source:stdin': ['decoding', 'framing', 'host_key', 'max_length'],
  'source:demo_logs': ['count', 'decoding', 'format', 'framing', 'interval', 'lines', 'sequence'],
  'sink:console': ['acknowledgements', 'encoding', 'framing', 'target'],
  'sink:blackhole': ['acknowledgements', 'print_interval_secs', 'rate'],
  'sink:aws_kinesis_streams': [
    'acknowledgements',
    'auth',
    'batch',
    'compression',
    'encoding',
    'endpoint',
    'partition_key_field',
    'region',
    'request',
    'request_retry_partial',
    'stream_name',
    'tls',
  ],
  'sink:http': [
    'acknowledgements',
    'auth',
    'batch',
    'compression',
    'dangerously_allow_unconfined_template_resolution',
    'encoding',
    'framing',
    'method',
    'payload_prefix',
    'payload_suffix',
    'request',
    'retry_strategy',
    'tls',
    'uri',
  ],
  'sink:prometheus_exporter': [
    'acknowledgements',
    'address',
    'auth',
    'buckets',
    'default_namespace',
    'distributions_as_summaries',
    'flush_period_secs',
    'quantiles',
    'suppress_timestamp',
    'tls',
  ],
  'source:internal_metrics': ['namespace', 'scrape_interval_secs', 'tags'],
  'sink:file': [
    'acknowledgements',
    'base_dir',
    'compression',
    'dangerously_allow_unconfined_template_resolution',
    'encoding',
    'framing',
    'idle_timeout_secs',
    'internal_metrics',
    'path',
    'timezone',
    'truncate',
  ],
};

/** Vector's global options (generated/configuration.cue) besides `sources`, `transforms`, `sinks`. */
export const VECTOR_GLOBAL_OPTIONS: readonly string[] = [
  'acknowledgements',
  'api',
  'buffer_utilization_ewma_half_life_seconds',
  'data_dir',
  'enrichment_tables',
  // Deprecated and hidden in Vector, still accepted (it warns); see VECTOR_DEPRECATED_GLOBALS.
  'expire_metrics',
  'expire_metrics_per_metric_set',
  'expire_metrics_secs',
  'healthchecks',
  'latency_ewma_alpha',
  'log_schema',
  'metrics_storage_refresh_period',
  'proxy',
  'schema',
  'secret',
  'telemetry',
  'tests',
  'timezone',
  'wildcard_matching',
];

/** Global options Vector still accepts under an old name, with the new one (it warns, as Sluice does). */
export const VECTOR_DEPRECATED_GLOBALS: Readonly<Record<string, string>> = {
  expire_metrics: 'expire_metrics_secs',
};

/**
 * Global options Vector removed and now refuses (its upgrade guides), with what happened: Sluice
 * refuses them too, saying so, rather than "unknown option".
 */
export const VECTOR_REMOVED_GLOBALS: Readonly<Record<string, string>> = {
  enterprise:
    'was removed in Vector 0.39 (the Datadog Observability Pipelines integration), and current Vector refuses it; remove it',
  'api.graphql':
    'was removed in Vector 0.55 with the GraphQL API (/graphql), and current Vector refuses it; remove it',
  'api.playground':
    'was removed in Vector 0.55 with the GraphQL API (/playground), and current Vector refuses it; remove it',
};

export type VectorKind = keyof typeof VECTOR_COMPONENT_TYPES;

/** Whether `type` is a component type of Vector's (current or removed) of this kind. */
export function isVectorComponentType(kind: string, type: string): boolean {
  const types = (VECTOR_COMPONENT_TYPES as Record<string, readonly string[]>)[kind];
  return types?.includes(type) ?? false;
}

/** Whether `option` is a top-level option of Vector's `kind`/`type` component. */
export function isVectorComponentOption(kind: string, type: string, option: string): boolean {
  return VECTOR_COMPONENT_OPTIONS[`${kind}:${type}`]?.includes(option) ?? false;
}

/** A table of options where Vector ignores the keys it does not know. */
export interface LenientTable {
  /** `kind:type`; `kind:*` for every component of that kind; '' for the global options. */
  component: string;
  /** The table, as a dotted path inside the options ('' the options themselves; `*` any one key). */
  path: string;
  /** Only for this `mode` (Vector reads each socket mode with its own struct). */
  mode?: string;
  /** The struct of Vector's that reads it (`src/…` or `lib/…` of vectordotdev/vector). */
  vectorStruct: string;
}

/**
 * Where Vector ignores unknown keys, so Sluice accepts them with a warning instead of refusing.
 * Serde ignores a key it does not know unless the struct says `#[serde(deny_unknown_fields)]`
 * (vectordotdev/vector#23188); Vector marks only some of its config structs. Derived from Vector's
 * source (v0.58 development line) by reading, for each table Sluice has, the struct that reads it
 * (`#[configurable_component]`) and whether it carries `deny_unknown_fields` (a struct read through
 * `#[serde(flatten)]` takes only its own keys; the unknown ones are its parent's to refuse). Every
 * table not listed here refuses unknown keys, as in Vector: the options of stdin, internal_metrics
 * and their `tags`, socket in udp/unix modes (`UdpConfig`, `UnixConfig`), console, blackhole,
 * file (and `truncate`), http (`HttpSinkConfig`, `auth`), prometheus_exporter, aws_kinesis_streams
 * (`KinesisSinkBaseConfig`, `auth`, `auth.imds`), `tls` (`TlsEnableableConfig`, `TlsConfig`),
 * `keepalive` (`TcpKeepaliveConfig`, `KeepaliveConfig`), `request.adaptive_concurrency`
 * (`AdaptiveConcurrencySettings`), `compression` (its own visitor), `buffer` (`BufferType`'s own
 * visitor), `proxy` (`ProxyConfig`), `api` and `schema` (`deny_unknown_fields`), the top level
 * (`ConfigBuilder`), and the old transforms add_fields, remove_fields, json_parser (Vector 0.21).
 */
export const VECTOR_LENIENT_TABLES: readonly LenientTable[] = [
  { component: 'source:socket', path: '', mode: 'tcp', vectorStruct: 'src/sources/socket/tcp.rs TcpConfig' },
  { component: 'source:tcp', path: '', vectorStruct: 'src/sources/socket/tcp.rs TcpConfig' },
  { component: 'source:demo_logs', path: '', vectorStruct: 'src/sources/demo_logs.rs DemoLogsConfig' },
  {
    component: 'source:http_server',
    path: '',
    vectorStruct: 'src/sources/http_server.rs SimpleHttpConfig',
  },
  { component: 'source:http', path: '', vectorStruct: 'src/sources/http_server.rs HttpConfig' },
  { component: 'source:syslog', path: '', vectorStruct: 'src/sources/syslog.rs SyslogConfig' },
  {
    component: 'source:*',
    path: 'acknowledgements',
    vectorStruct: 'lib/vector-core/src/config/mod.rs SourceAcknowledgementsConfig',
  },
  {
    component: 'source:*',
    path: 'decoding',
    vectorStruct: 'lib/codecs/src/decoding/mod.rs DeserializerConfig',
  },
  {
    component: 'source:*',
    path: 'decoding.*',
    vectorStruct: 'lib/codecs/src/decoding/format/*.rs *DeserializerOptions',
  },
  { component: 'source:*', path: 'framing', vectorStruct: 'lib/codecs/src/decoding/mod.rs FramingConfig' },
  {
    component: 'source:*',
    path: 'framing.*',
    vectorStruct: 'lib/codecs/src/decoding/framing/*.rs *DecoderOptions',
  },
  { component: 'sink:*', path: 'healthcheck', vectorStruct: 'src/config/sink.rs SinkHealthcheckOptions' },
  {
    component: 'sink:*',
    path: 'acknowledgements',
    vectorStruct: 'lib/vector-core/src/config/mod.rs AcknowledgementsConfig',
  },
  { component: 'sink:*', path: 'encoding', vectorStruct: 'lib/codecs/src/encoding/config.rs EncodingConfig' },
  {
    component: 'sink:*',
    path: 'encoding.*',
    vectorStruct: 'lib/codecs/src/encoding/format/*.rs *SerializerOptions',
  },
  {
    component: 'sink:*',
    path: 'framing',
    vectorStruct: 'lib/codecs/src/encoding/framing/framer.rs FramingConfig',
  },
  {
    component: 'sink:*',
    path: 'framing.*',
    vectorStruct: 'lib/codecs/src/encoding/framing/*.rs *EncoderOptions',
  },
  { component: 'sink:*', path: 'batch', vectorStruct: 'src/sinks/util/batch.rs BatchConfig' },
  {
    component: 'sink:*',
    path: 'request',
    vectorStruct: 'src/sinks/util/service.rs TowerRequestConfig (http: src/sinks/util/http.rs RequestConfig)',
  },
  { component: '', path: 'healthchecks', vectorStruct: 'src/config/mod.rs HealthcheckOptions' },
  {
    component: '',
    path: 'acknowledgements',
    vectorStruct: 'lib/vector-core/src/config/mod.rs AcknowledgementsConfig',
  },
];

/** Whether Vector ignores unknown keys in the table at `path` of `component` (see VECTOR_LENIENT_TABLES). */
export function isLenientTable(component: string, path: string, mode?: string): boolean {
  const kind = component.slice(0, component.indexOf(':') + 1);
  const segments = path === '' ? [] : path.split('.');
  return VECTOR_LENIENT_TABLES.some((table) => {
    if (table.component !== component && table.component !== `${kind}*`) return false;
    if (table.mode !== undefined && table.mode !== (mode ?? 'tcp')) return false;
    const pattern = table.path === '' ? [] : table.path.split('.');
    return (
      pattern.length === segments.length &&
      pattern.every((part, index) => part === '*' || part === segments[index])
    );
  });
}
