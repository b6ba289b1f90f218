import { type AwsAuthOptions, awsSignerOf, endpointUrl } from '@sluice/aws';
import { type FieldMap, getField, isFieldMap, type LogEvent, removeField } from '@sluice/component-api';
import { createEncoder, type EncodingConfig, textOf } from '@sluice/encoding';
import {
  type CompressionOption,
  type Discard,
  defineNetworkSink,
  type Failure,
  rejectEvent,
  retry,
  type SendResult,
  type SinkItem,
  Template,
} from '@sluice/sink-kit';
import { HttpTransport, healthSettingsOf } from '@sluice/sink-kit/http';
import { type ElasticsearchSinkOptions, ownOptions, problemsOf, requestOptions } from './options.js';

/** A document ready for the bulk body: its action line and its source line. */
interface BulkItem extends SinkItem {
  readonly lines: string;
}

const ACTIONS = new Set(['index', 'create', 'update']);
const PARTS = ['type', 'dataset', 'namespace'] as const;
/** An auto-routed data stream name part, as Vector checks it: no `-` in dataset and namespace. */
const VALID_TYPE = /^(?![-_+.])[^\\/*?"<>|,#: \p{Cc}]{0,100}$/u;
const VALID_PART = /^(?![-_+.])[^-\\/*?"<>|,#: \p{Cc}]{0,100}$/u;

const reject = (message: string): Discard => rejectEvent('template_failed', message);

/** One document's result in a bulk answer (`{ "index": { status, error } }`) as its failure. */
function itemFailure(item: unknown, retryPartial: boolean): Failure | undefined {
  const result = (isFieldMap(item) ? Object.values(item)[0] : undefined) as
    | { status?: number; error?: { type?: string; reason?: string } }
    | undefined;
  const status = result?.status ?? 0;
  if (status >= 200 && status < 300) return undefined;
  const code = result?.error?.type ?? `http_${status}`;
  const retryable = retryPartial && (status === 429 || status >= 500 || status === 0);
  const message = `${code}: ${result?.error?.reason ?? status}`;
  return { retryable, throttled: status === 429, code, message };
}

/** A bulk answer: every document indexed, or each one's failure. */
function bulkResult(body: Buffer, count: number, retryPartial: boolean): Partial<SendResult> {
  let answer: { errors?: unknown; items?: unknown } = {};
  try {
    answer = JSON.parse(body.toString('utf8')) as typeof answer;
  } catch {}
  if (!Array.isArray(answer.items) || answer.items.length !== count) {
    const message = `a bulk answer without a result for each of the ${count} documents`;
    return { failure: retry('invalid_response', message, { errorType: 'invalid_response' }) };
  }
  if (answer.errors === false) return {};
  return { failures: answer.items.map((item) => itemFailure(item, retryPartial)) };
}

/** Data stream mode, as Vector: `<type>-<dataset>-<namespace>` of an event, and its fields synced. */
function dataStreams(stream: ElasticsearchSinkOptions['data_stream']) {
  const templates = PARTS.map((part) => new Template(stream[part], `data_stream.${part}`));
  /** Each part the event's own (auto routing, checked) or its template's. */
  const name = (event: LogEvent): string | Discard => {
    const own = stream.auto_routing ? getField(event.fields, 'data_stream') : undefined;
    const parts: string[] = [];
    for (const [at, part] of PARTS.entries()) {
      const routed = isFieldMap(own) ? own[part] : undefined;
      const value = routed == null ? (templates[at] as Template).renderOrReject(event) : textOf(routed);
      if (typeof value !== 'string') return value;
      if (routed != null && !(part === 'type' ? VALID_TYPE : VALID_PART).test(value))
        return reject(`data_stream.${part} "${value.slice(0, 32)}": not a name part`);
      if (value !== '') parts.push(value);
    }
    return parts.join('-');
  };
  /** The missing `data_stream.*` fields added, `timestamp` renamed `@timestamp`. */
  const sync = (event: LogEvent) => {
    const { fields } = event;
    if (stream.sync_fields) {
      const synced = isFieldMap(fields.data_stream) ? (fields.data_stream as FieldMap) : {};
      for (const [at, part] of PARTS.entries()) {
        const value = (templates[at] as Template).render(event);
        if (synced[part] === undefined && 'text' in value) synced[part] = value.text;
      }
      fields.data_stream = synced;
    }
    if (fields.timestamp === undefined) return;
    fields['@timestamp'] = fields.timestamp;
    delete fields.timestamp;
  };
  return { name, sync };
}

export const elasticsearchSink = defineNetworkSink({
  type: 'elasticsearch',
  description: 'Indexes log events in Elasticsearch or OpenSearch with the bulk API.',
  metricPrefix: 'elasticsearch',
  options: ownOptions,
  batch: { max_events: 1000, max_bytes: 10_000_000, timeout_secs: 1 },
  request: { timeout_secs: 60, backoff: 'fibonacci', more: requestOptions },
  tls: true,
  proxy: true,
  validate: (options) => problemsOf(options),
  async create(options, context) {
    const { auth, bulk, data_stream: stream, request, id_key: idKey } = options;
    if (options.endpoint !== undefined) context.logger.warn('`endpoint` is deprecated: use `endpoints`');
    const serverless = options.opensearch_service_type === 'serverless';
    const aws = auth?.strategy === 'aws' ? (auth as unknown as AwsAuthOptions) : undefined;
    const signer =
      aws && awsSignerOf(aws, options.aws?.region as string | undefined, serverless ? 'aoss' : 'es');
    const transport = new HttpTransport({
      endpoints: (options.endpoints ?? [options.endpoint as string]).map(endpointUrl),
      health: healthSettingsOf(options.distribution),
      tls: options.tls,
      proxy: options.proxy,
      // A bulk answer has a result per document: room for long error reasons.
      maxResponseBytes: Math.max(10 * 1024 * 1024, options.batch.max_events * 4096),
      headers: request.headers,
      contentType: 'application/x-ndjson',
      compression: options.compression as CompressionOption,
      ...(auth?.strategy === 'basic' ? { basic: auth } : {}),
      ...(signer === undefined ? {} : { authorize: (signed) => signer.sign(signed) }),
    });

    // Vector's `api_version = "auto"`: the major version of the first endpoint that answers `GET /`.
    let version = { v6: 6, v7: 7, v8: 8, auto: serverless ? 8 : undefined }[options.api_version];
    if (version === undefined) {
      const signal = AbortSignal.any([context.signal, AbortSignal.timeout(request.timeout_secs * 1000)]);
      const major = (response: { body: Buffer }) =>
        Number.parseInt(JSON.parse(String(response.body)).version?.number, 10) || undefined;
      const probed = await transport.probe('/', major, signal);
      version = 'value' in probed ? probed.value : options.suppress_type_name ? 6 : 8;
      if ('problems' in probed)
        context.logger.warn('no API version read: set `api_version`', { assumed: version, ...probed });
    }
    const withType = !options.suppress_type_name && version < 7;
    const query = new URLSearchParams({ timeout: `${Math.floor(request.timeout_secs)}s` });
    if (options.pipeline) query.set('pipeline', options.pipeline);
    for (const [name, value] of Object.entries(options.query ?? {}))
      for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
    const dataStream = options.mode === 'data_stream';
    const indexTemplate = new Template(bulk.index, 'bulk.index');
    const actionTemplate = new Template(bulk.action, 'bulk.action');
    const versionTemplate =
      bulk.version === undefined ? undefined : new Template(bulk.version, 'bulk.version');
    const streams = dataStreams(stream);
    const encoder = createEncoder({ ...options.encoding, codec: 'json' } as EncodingConfig);
    const retryPartial = options.request_retry_partial;
    const versionType = bulk.version_type === 'external_gte' ? 'external_gte' : 'external';

    return {
      prepare: (event: LogEvent): BulkItem | Discard => {
        let index = dataStream ? streams.name(event) : indexTemplate.renderOrReject(event);
        if (typeof index !== 'string' && !dataStream && bulk.template_fallback_index !== undefined)
          index = bulk.template_fallback_index;
        const action = dataStream ? 'create' : actionTemplate.renderOrReject(event);
        if (typeof index !== 'string') return index;
        if (typeof action !== 'string') return action;
        if (!ACTIONS.has(action))
          return reject(`bulk.action "${action.slice(0, 32)}" is not index, create or update`);
        if (dataStream) streams.sync(event);
        const idValue = idKey === undefined ? undefined : getField(event.fields, idKey);
        if (idKey !== undefined) removeField(event.fields, idKey);
        const id = typeof idValue === 'string' || typeof idValue === 'number' ? String(idValue) : undefined;
        // External versioning (checked at start): a version that does not render to an integer rejects the event.
        const version = versionTemplate?.renderOrReject(event);
        if (typeof version === 'object') return version;
        if (version !== undefined && !/^\d+$/.test(version))
          return reject(`bulk.version "${version}" is not an integer`);
        const external = id !== undefined && version !== undefined;
        const metadata = {
          _index: index,
          ...(withType ? { _type: options.doc_type } : {}),
          ...(id === undefined ? {} : { _id: id }),
          ...(external ? { version_type: versionType, version: Number(version) } : {}),
        };
        const lines = `${JSON.stringify({ [action]: metadata })}\n${encoder.encodeToString(event)}\n`;
        return { event, lines, size: Buffer.byteLength(lines) };
      },
      send: async (items: readonly BulkItem[], signal: AbortSignal): Promise<SendResult> => {
        const body = Buffer.from(items.map((item) => item.lines).join(''));
        const sent = await transport.send('POST', `/_bulk?${query}`, body, signal);
        if (sent.failure !== undefined) return { sentBytes: sent.sentBytes, failure: sent.failure };
        const { status, body: answer } = sent.response;
        return { sentBytes: sent.sentBytes, status, ...bulkResult(answer, items.length, retryPartial) };
      },
      healthcheck: async (signal: AbortSignal) => {
        if (serverless) return { status: 'healthy' };
        const healthy = (answer: { status: number }) => answer.status === 200 || undefined;
        const found = await transport.probe('/_cluster/health', healthy, signal);
        if ('value' in found) return { status: 'healthy' };
        return { status: 'unhealthy', message: `no endpoint answers: ${found.problems.join('; ')}` };
      },
      close: () => transport.close(),
    };
  },
});
