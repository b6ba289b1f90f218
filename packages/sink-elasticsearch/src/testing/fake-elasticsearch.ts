import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';

/** A per-document error the fake answers instead of indexing: its status, `type` and `reason`. */
export interface ItemError {
  readonly status: number;
  readonly type: string;
  readonly reason: string;
}

export interface FakeElasticsearchOptions {
  /** The `version.number` of `GET /` (default 8.15.0); 8 refuses `_type`, 6 requires it. */
  readonly version?: string;
  /** Basic auth the fake requires (401 otherwise). */
  readonly basic?: { readonly user: string; readonly password: string };
  /** Decides each document of each bulk request (before indexing): an error, or undefined to index it. */
  readonly itemFault?: (document: Record<string, unknown>, index: string) => ItemError | undefined;
}

export interface BulkRequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  /** The decoded body, as NDJSON lines. */
  readonly lines: readonly string[];
}

export interface FakeElasticsearch {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Documents by index, then by `_id`. */
  readonly indices: Map<string, Map<string, Record<string, unknown>>>;
  /** Indices that are data streams (`logs-*-*`, `metrics-*-*`, `traces-*-*`, `synthetics-*-*`). */
  readonly dataStreams: Set<string>;
  readonly bulkRequests: BulkRequestRecord[];
  /** Every document indexed, in order (across indices). */
  documents(): Record<string, unknown>[];
  /** The next `count` requests (any path) answer `status` with an Elasticsearch error body. */
  failNext(count: number, status: number): void;
  /** Requests from now on get no answer until `close`. */
  stall(): void;
  close(): Promise<void>;
}

const DATA_STREAM = /^(logs|metrics|traces|synthetics)-[^-]+-[^-]+$/;
const INVALID_INDEX = /[\\/*?"<>| ,#:A-Z]|^[-_+]|^\.{1,2}$/;
const ACTIONS = new Set(['index', 'create', 'update', 'delete']);

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Elasticsearch's error body: `{ error: { root_cause, type, reason }, status }`. */
function errorBody(status: number, type: string, reason: string) {
  return { error: { root_cause: [{ type, reason }], type, reason }, status };
}

/**
 * A local server with the semantics of the Elasticsearch APIs a sink uses: `GET /` (the version),
 * `GET /_cluster/health`, and the bulk API (`POST /_bulk`, `/{index}/_bulk`): NDJSON parsed line by
 * line (a body must end with a newline, a bad action line fails the whole request), `gzip` and
 * `deflate` bodies, `_type` refused by 8 and required by 6, per-document results with statuses
 * (201 created, 200 updated, 409 version conflicts for `create` and external versions, 400 for
 * unparsable documents and invalid index names, 404 for an update of a missing document), data
 * streams (`create` only, `@timestamp` required), basic auth, and injected faults per document
 * (`itemFault`) or per request (`failNext`).
 */
export async function startFakeElasticsearch(
  options: FakeElasticsearchOptions = {},
): Promise<FakeElasticsearch> {
  const version = options.version ?? '8.15.0';
  const major = Number.parseInt(version, 10);
  const indices = new Map<string, Map<string, Record<string, unknown>>>();
  const dataStreams = new Set<string>();
  const order: Record<string, unknown>[] = [];
  const bulkRequests: BulkRequestRecord[] = [];
  const failures: number[] = [];
  const versions = new Map<string, number>();
  let stalled = false;
  let sequence = 0;

  const index = (
    action: string,
    meta: Record<string, unknown>,
    source: string | undefined,
  ): { status: number; result?: string; error?: ItemError; id: string; index: string } => {
    const name = String(meta._index);
    const id = meta._id === undefined ? randomBytes(15).toString('base64url') : String(meta._id);
    const fail = (status: number, type: string, reason: string) => ({
      status,
      id,
      index: name,
      error: { status, type, reason },
    });
    if (INVALID_INDEX.test(name) || name === '')
      return fail(400, 'invalid_index_name_exception', `Invalid index name [${name}], must be lowercase`);
    let document: Record<string, unknown>;
    try {
      document = JSON.parse(source ?? '') as Record<string, unknown>;
      if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new Error();
    } catch {
      return fail(400, 'mapper_parsing_exception', 'failed to parse');
    }
    const fault = options.itemFault?.(document, name);
    if (fault !== undefined) return { status: fault.status, id, index: name, error: fault };
    const stream = DATA_STREAM.test(name);
    if (stream && action !== 'create')
      return fail(
        400,
        'illegal_argument_exception',
        `only write ops with an op_type of create are allowed in data streams`,
      );
    if (stream && document['@timestamp'] === undefined)
      return fail(400, 'document_parsing_exception', 'data stream timestamp field [@timestamp] is missing');
    const documents = indices.get(name) ?? new Map<string, Record<string, unknown>>();
    const existing = documents.get(id);
    if (action === 'create' && existing !== undefined)
      return fail(
        409,
        'version_conflict_engine_exception',
        `[${id}]: version conflict, document already exists`,
      );
    if (action === 'update') {
      if (existing === undefined) return fail(404, 'document_missing_exception', `[${id}]: document missing`);
      if (!('doc' in document))
        return fail(400, 'action_request_validation_exception', 'script or doc is missing');
      document = { ...existing, ...(document.doc as Record<string, unknown>) };
    }
    const key = `${name}/${id}`;
    if (meta.version_type === 'external' || meta.version_type === 'external_gte') {
      const next = Number(meta.version);
      const current = versions.get(key);
      if (current !== undefined && (meta.version_type === 'external' ? next <= current : next < current))
        return fail(
          409,
          'version_conflict_engine_exception',
          `[${id}]: version conflict, current version [${current}]`,
        );
      versions.set(key, next);
    }
    if (stream) dataStreams.add(name);
    indices.set(name, documents);
    documents.set(id, document);
    order.push(document);
    return {
      status: existing === undefined ? 201 : 200,
      result: existing === undefined ? 'created' : 'updated',
      id,
      index: name,
    };
  };

  const bulk = (request: IncomingMessage, url: URL, raw: Buffer) => {
    const type = String(request.headers['content-type'] ?? '').split(';')[0];
    if (type !== 'application/x-ndjson' && type !== 'application/json')
      return { status: 406, body: { error: `Content-Type header [${type}] is not supported`, status: 406 } };
    const encoding = request.headers['content-encoding'];
    const text = String(
      encoding === 'gzip' ? gunzipSync(raw) : encoding === 'deflate' ? inflateSync(raw) : raw,
    );
    if (!text.endsWith('\n'))
      throw new RequestError(
        400,
        'illegal_argument_exception',
        'The bulk request must be terminated by a newline [\\n]',
      );
    const lines = text.slice(0, -1).split('\n');
    bulkRequests.push({
      method: String(request.method),
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      lines,
    });
    const pathIndex = url.pathname === '/_bulk' ? undefined : url.pathname.split('/')[1];
    const items: Record<string, unknown>[] = [];
    let errors = false;
    for (let line = 0; line < lines.length; ) {
      let action: Record<string, Record<string, unknown>>;
      try {
        action = JSON.parse(lines[line] as string) as typeof action;
      } catch {
        throw new RequestError(400, 'x_content_parse_exception', `[${line + 1}:1] Unexpected character`);
      }
      const [name, meta = {}] = Object.entries(action)[0] ?? [];
      if (name === undefined || !ACTIONS.has(name) || Object.keys(action).length !== 1)
        throw new RequestError(
          400,
          'illegal_argument_exception',
          `Malformed action/metadata line [${line + 1}]`,
        );
      if (major >= 8 && '_type' in meta)
        throw new RequestError(
          400,
          'illegal_argument_exception',
          `Action/metadata line [${line + 1}] contains an unknown parameter [_type]`,
        );
      if (major < 7 && !('_type' in meta))
        throw new RequestError(
          400,
          'action_request_validation_exception',
          'Validation Failed: 1: type is missing;',
        );
      const resolved = { ...meta, _index: meta._index ?? pathIndex };
      const source = name === 'delete' ? undefined : lines[line + 1];
      line += name === 'delete' ? 1 : 2;
      const outcome = index(name, resolved, source);
      errors ||= outcome.error !== undefined;
      items.push({
        [name]: {
          _index: outcome.index,
          _id: outcome.id,
          ...(major < 7 ? { _type: meta._type } : {}),
          status: outcome.status,
          ...(outcome.error === undefined
            ? {
                _version: 1,
                result: outcome.result,
                _shards: { total: 2, successful: 1, failed: 0 },
                _seq_no: sequence++,
                _primary_term: 1,
              }
            : { error: { type: outcome.error.type, reason: outcome.error.reason } }),
        },
      });
    }
    return { status: 200, body: { took: 3, errors, items } };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (stalled) return;
    const url = new URL(String(request.url), 'http://fake');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        'x-elastic-product': 'Elasticsearch',
      });
      response.end(JSON.stringify(body));
    };
    const failure = failures.shift();
    if (failure !== undefined)
      return send(
        failure,
        errorBody(
          failure,
          failure === 429 ? 'es_rejected_execution_exception' : 'unavailable_shards_exception',
          'injected',
        ),
      );
    const expected =
      options.basic &&
      `Basic ${Buffer.from(`${options.basic.user}:${options.basic.password}`).toString('base64')}`;
    if (expected !== undefined && request.headers.authorization !== expected)
      return send(
        401,
        errorBody(401, 'security_exception', 'missing authentication credentials for REST request'),
      );
    try {
      if (request.method === 'GET' && url.pathname === '/')
        return send(200, {
          name: 'fake',
          cluster_name: 'sluice-test',
          version: { number: version },
          tagline: 'You Know, for Search',
        });
      if (request.method === 'GET' && url.pathname === '/_cluster/health')
        return send(200, { cluster_name: 'sluice-test', status: 'green', number_of_nodes: 1 });
      if (
        (request.method === 'POST' || request.method === 'PUT') &&
        /^(\/[^/]+)?\/_bulk$/.test(url.pathname)
      ) {
        const { status, body } = bulk(request, url, Buffer.concat(chunks));
        return send(status, body);
      }
      send(404, errorBody(404, 'no_handler', `no handler for ${request.method} ${url.pathname}`));
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      send(error.status, errorBody(error.status, error.type, error.message));
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    indices,
    dataStreams,
    bulkRequests,
    documents: () => [...order],
    failNext: (count, status) => {
      for (let index = 0; index < count; index += 1) failures.push(status);
    },
    stall: () => {
      stalled = true;
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
