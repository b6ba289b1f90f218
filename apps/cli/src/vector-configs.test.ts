import { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CONFIG } from './exit-codes.js';
import { main } from './main.js';
import { removeValidatedFiles, validateFiles } from './test-helpers/validate.js';

/*
 * Configs shaped like real ones that Vector accepts (or refuses), each checked the way a user
 * checks it: `sluice validate --no-environment` on the files.
 */

afterEach(removeValidatedFiles);

const demo = 'sources:\n  in:\n    type: demo_logs\n    format: json\n';

describe('a null option is unset, and a table with one bad key gets one error', () => {
  it("accepts what Vector's own serializer writes: healthcheck { enabled: true, uri: null }", async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:
  out:
    type: console
    inputs: [in]
    encoding:
      codec: json
      timestamp_format: null
    healthcheck:
      enabled: true
      uri: null
    buffer:
      type: memory
      max_events: 500
      when_full: block
`,
    });
    expect(result).toMatchObject({ code: 0, problems: [], warnings: [] });
  });

  it('a bad key inside a table is the only error, never also one for the whole option', async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:
  out:
    type: console
    inputs: [in]
    encoding:
      codec: json
      json:
        pretty: "yes"
    healthcheck:
      enabled: "yes"
`,
    });
    expect(result.problems).toEqual([
      'vector.yaml: sinks.out.healthcheck.enabled: must be boolean (got "yes")',
      'vector.yaml: sinks.out.encoding.json.pretty: must be boolean (got "yes")',
    ]);
  });

  it('a value of neither form still names both', async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:\n  out:\n    type: console\n    inputs: [in]\n    encoding: 3\n    healthcheck: "yes"\n`,
    });
    expect(result.problems).toEqual([
      'vector.yaml: sinks.out.healthcheck: must be boolean or object (got "yes")',
      'vector.yaml: sinks.out.encoding: must be string or object (got 3)',
    ]);
  });

  it('a component that is null is still refused', async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:\n  out:\n  other:\n    type: blackhole\n    inputs: [in]\n`,
    });
    expect(result.problems).toEqual(['vector.yaml: sinks.out: must be object (got null)']);
  });
});

describe('keys Vector ignores are accepted with a warning, exactly where Vector ignores them', () => {
  it('healthcheck.initial_delay_secs, encoding.charset, batch and request keys, a typo in a socket (tcp) source', async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:
  syslog_in:
    type: socket
    mode: tcp
    address: 0.0.0.0:5140
    max_line_bytes: 4096
    decoding:
      codec: json
      charset: utf-8
  demo:
    type: demo_logs
    format: syslog
    intervall: 1
sinks:
  out:
    type: console
    inputs: [syslog_in, demo]
    encoding:
      codec: json
      charset: utf-8
    healthcheck:
      enabled: true
      initial_delay_secs: 5
  kinesis:
    type: aws_kinesis_streams
    inputs: [syslog_in]
    stream_name: logs
    region: us-east-1
    encoding:
      codec: json
    batch:
      max_event: 100
    request:
      retry_attempts: 3
      rate_limit_num_per_sec: 10
`,
    });
    expect(result.problems).toEqual([]);
    expect(result.warnings.sort()).toEqual(
      [
        'vector.yaml: sources.syslog_in.max_line_bytes is ignored: not an option here (Vector ignores unknown keys in this table too)',
        'vector.yaml: sources.syslog_in.decoding.charset is ignored: not an option here (Vector ignores unknown keys in this table too)',
        'vector.yaml: sources.demo.intervall is ignored: not an option here (Vector ignores unknown keys in this table too); did you mean "interval"?',
        'vector.yaml: sinks.out.encoding.charset is ignored: not an option here (Vector ignores unknown keys in this table too)',
        'vector.yaml: sinks.out.healthcheck.initial_delay_secs is ignored: not an option here (Vector ignores unknown keys in this table too)',
        'vector.yaml: sinks.kinesis.batch.max_event is ignored: not an option here (Vector ignores unknown keys in this table too); did you mean "max_events"?',
        'vector.yaml: sinks.kinesis.request.rate_limit_num_per_sec is ignored: not an option here (Vector ignores unknown keys in this table too)',
      ].sort(),
    );
  });

  it('keeps refusing where Vector refuses: stdin, console, the unix modes, tls, keepalive, buffer, the top level', async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:
  in:
    type: stdin
    max_line_bytes: 4096
  sock:
    type: socket
    mode: unix_stream
    path: /tmp/sluice-test.sock
    max_line_bytes: 4096
  tcp:
    type: socket
    mode: tcp
    address: 0.0.0.0:9000
    keepalive:
      time_sec: 60
    tls:
      enabled: false
      verify: true
sinks:
  out:
    type: console
    inputs: [in, sock, tcp]
    encoding:
      codec: json
    target_stream: stdout
    buffer:
      type: memory
      max_event: 10
data_dirr: /var/lib/vector
`,
    });
    expect(result.problems.sort()).toEqual(
      [
        'vector.yaml: data_dirr: unknown global option "data_dirr"; did you mean "data_dir"?',
        'vector.yaml: sources.in.max_line_bytes: unknown field "max_line_bytes"',
        'vector.yaml: sources.sock.max_line_bytes: unknown field "max_line_bytes"',
        'vector.yaml: sources.tcp.keepalive.time_sec: unknown field "time_sec"; did you mean "time_secs"?',
        'vector.yaml: sources.tcp.tls.verify: unknown field "verify"',
        'vector.yaml: sinks.out.target_stream: unknown field "target_stream"',
        'vector.yaml: sinks.out.buffer.max_event: sink "out", buffer stage 0: unknown field "max_event"; did you mean "max_events"?',
      ].sort(),
    );
  });
});

describe('namespaced config directories, as Vector loads them', () => {
  it('--config-dir with sources/, transforms/ (nested), sinks/ and tests/: one component per file, named after it', async () => {
    const result = await validateFiles(
      {
        'vector.yaml': '# Set global options\ndata_dir: "/var/lib/vector"\n',
        'sources/apache_logs.yaml': '# Ingest data\ntype: "demo_logs"\nformat: "apache_common"\n',
        'transforms/apache_parser.yaml': 'inputs: ["apache_logs"]\ntype: "add_fields"\n',
        'transforms/apache_parser/fields.yaml': 'parsed: "yes"\n',
        'transforms/apache_sample.toml':
          'inputs = ["apache_parser"]\ntype = "remove_fields"\nfields = ["x"]\n',
        'sinks/es_cluster.yaml': 'inputs: ["apache_sample"]\ntype: "console"\nencoding:\n  codec: "json"\n',
        'sinks/README.md': 'not a config',
        'tests/parser.yaml':
          'name: parser adds the field\ninputs:\n  - insert_at: apache_parser\n    value: hello\noutputs:\n  - extract_from: apache_parser\n    conditions:\n      - type: vrl\n        source: .parsed == "yes"\n',
      },
      { configDirectories: ['.'] },
    );
    expect(result).toMatchObject({ code: 0, problems: [] });
    expect(result.warnings.filter((warning) => !warning.includes('deprecated'))).toEqual([]);
  });

  it('names the component file in messages, and a component in two places is refused naming both', async () => {
    const result = await validateFiles(
      {
        'vector.yaml': 'sinks:\n  out:\n    type: blackhole\n    inputs: [in]\n',
        'sources/in.yaml': 'type: stdin\nmax_lenght: 3\n',
        'sinks/out.yaml': 'type: blackhole\ninputs: [in]\n',
      },
      { configDirectories: ['.'] },
    );
    expect(result.problems).toEqual([
      'sinks/out.yaml: sinks.out: component "out" is already defined in vector.yaml',
      'sources/in.yaml: sources.in.max_lenght: unknown field "max_lenght"; did you mean "max_length"?',
    ]);
  });
});

describe('${VAR} is substituted in the raw text, as Vector does, with its safety rules', () => {
  it('a YAML flow list of a variable: permit_origin: [${ALLOWED_NETWORKS}], remove_fields.fields: [${DROP}]', async () => {
    const result = await validateFiles(
      {
        'vector.yaml': `sources:
  in:
    type: socket
    mode: tcp
    address: \${LISTEN_ADDRESS:-0.0.0.0:9000}
    permit_origin: [\${ALLOWED_NETWORKS}]
transforms:
  drop:
    type: remove_fields
    inputs: [in]
    fields: [\${DROP}]
sinks:
  out:
    type: console
    inputs: [drop]
    encoding: { codec: json }
    # a comment may name $$HOME, escaped as in Vector
`,
      },
      { environment: { ALLOWED_NETWORKS: '10.0.0.0/8, 192.168.0.0/16', DROP: 'password, token' } },
    );
    expect(result).toMatchObject({ code: 0, problems: [] });
  });

  it('refuses a value with a newline and an unset variable, each with its file and line', async () => {
    const result = await validateFiles(
      {
        'vector.toml': `[sources.in]\ntype = "demo_logs"\nformat = "$FORMAT"\n\n[sinks.out]\ntype = "console"\ninputs = ["in"]\nencoding.codec = "\${CODEC:?set CODEC}"\n`,
      },
      { environment: { FORMAT: 'json"\n[sinks.evil]' } },
    );
    expect(result.problems).toEqual([
      'vector.toml: line 3: environment variable FORMAT contains a newline, which is refused',
      'vector.toml: line 8: environment variable CODEC is not set: set CODEC',
    ]);
  });

  it('--no-env-interpolation leaves the text as written', async () => {
    const result = await validateFiles(
      {
        'vector.yaml': `${demo}sinks:\n  out:\n    type: blackhole\n    inputs: [in]\n    print_interval_secs: 10 # $$UNSET\n`,
      },
      { envInterpolation: false },
    );
    expect(result).toMatchObject({ code: 0, problems: [] });
  });
});

describe('interpolation cannot get past the config size limits', () => {
  it('a 48 KB file that would become 2 GB is one line and exit 78, and nothing near that size is built', async () => {
    const { directory } = await validateFiles({ 'placeholder.yaml': '{}' });
    const references = Array.from({ length: 6_000 }, (_, index) => `    k${index}: "$V"`).join('\n');
    await writeFile(
      join(directory, 'big.yaml'),
      `${demo}transforms:\n  add:\n    type: add_fields\n    inputs: [in]\n    fields:\n${references}\n`,
    );
    let stderr = '';
    const heapBefore = process.memoryUsage().heapUsed;
    const code = await main(['validate', '--no-environment', '--config', 'big.yaml'], {
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
      environment: { V: 'x'.repeat(60_000) },
      cwd: directory,
      signals: new EventEmitter(),
      exit: () => {},
    });
    expect(code).toBe(EXIT_CONFIG);
    expect(stderr.trim().split('\n')).toEqual([
      'error: big.yaml: line 183: after substituting environment variables the file would be more than 10485760 bytes; a config file may be at most 10485760 bytes',
    ]);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('legacy transforms and the string encoding are accepted, with a warning naming the replacement', () => {
  it('an old config: add_fields with a template, remove_fields, json_parser, console encoding = "json"', async () => {
    const result = await validateFiles({
      'vector.toml': `[sources.in]
type = "stdin"

[transforms.parse]
type = "json_parser"
inputs = ["in"]
drop_invalid = true

[transforms.tag]
type = "add_fields"
inputs = ["parse"]
fields.environment = "production"
fields.summary = "{{ level }}: {{ message }}"

[transforms.clean]
type = "remove_fields"
inputs = ["tag"]
fields = ["password"]

[sinks.out]
type = "console"
inputs = ["clean"]
encoding = "json"
`,
    });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      'vector.toml: transforms.parse.type = "json_parser" is deprecated; use type = "remap" with `. |= object!(parse_json!(.message))` (Vector removed json_parser in 0.22 and refuses it)',
      'vector.toml: transforms.tag.type = "add_fields" is deprecated; use type = "remap" with `.name = "value"` (Vector removed add_fields in 0.22 and refuses it)',
      'vector.toml: transforms.clean.type = "remove_fields" is deprecated; use type = "remap" with `del(.name)` (Vector removed remove_fields in 0.22 and refuses it)',
      'vector.toml: sinks.out.encoding = "json" is the string form Vector 0.22+ refuses; use encoding.codec = "json"',
    ]);
  });
});

describe('removed globals are refused as Vector refuses them, deprecated ones warned', () => {
  it("the Helm chart's api block with playground, and enterprise: refused, saying when Vector removed them", async () => {
    const result = await validateFiles({
      'vector.yaml': `data_dir: /vector-data-dir
api:
  enabled: true
  address: 127.0.0.1:8686
  playground: false
enterprise:
  api_key: "\${DATADOG_API_KEY:-x}"
${demo}sinks:
  out:
    type: blackhole
    inputs: [in]
`,
    });
    expect(result.problems.sort()).toEqual([
      'vector.yaml: api.playground: was removed in Vector 0.55 with the GraphQL API (/playground), and current Vector refuses it; remove it',
      'vector.yaml: enterprise: was removed in Vector 0.39 (the Datadog Observability Pipelines integration), and current Vector refuses it; remove it',
    ]);
  });

  it('expire_metrics, deprecated in Vector and still accepted there, is accepted with its replacement named', async () => {
    const result = await validateFiles({
      'vector.yaml': `expire_metrics: { secs: 300, nanos: 0 }\n${demo}sinks:\n  out:\n    type: blackhole\n    inputs: [in]\n`,
    });
    expect(result).toMatchObject({ code: 0, problems: [] });
    expect(result.warnings).toEqual([
      'vector.yaml: expire_metrics is deprecated in Vector; use expire_metrics_secs (Sluice implements neither yet; ignored)',
    ]);
  });
});

describe('prometheus_exporter: buckets, quantiles, distributions_as_summaries, flush_period_secs, default_namespace', () => {
  it("the exporter of Vector's config/examples/file_to_prometheus.yaml, fed by internal_metrics", async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:
  internal:
    type: internal_metrics
sinks:
  prometheus:
    inputs: [ "internal" ]
    type: "prometheus_exporter"
    default_namespace: "vector"
    buckets: [ 0.0, 10.0, 100.0, 1000.0, 10000.0, 100001.0 ]
    quantiles: [ 0.5, 0.99 ]
    distributions_as_summaries: true
    flush_period_secs: 120
`,
    });
    expect(result).toMatchObject({ code: 0, problems: [], warnings: [] });
  });

  it('refuses a quantile outside 0–1', async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:\n  internal:\n    type: internal_metrics\nsinks:\n  prometheus:\n    inputs: [internal]\n    type: prometheus_exporter\n    quantiles: [0.5, 99]\n`,
    });
    expect(result.problems).toEqual(['vector.yaml: sinks.prometheus.quantiles.1: must be <= 1 (got 99)']);
  });
});

describe('file sink: compression, idle_timeout_secs, and a path with strftime and {{ field }}', () => {
  it("Vector's reference examples of the file sink validate", async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:
  daily:
    type: file
    inputs: [in]
    path: /tmp/vector-%Y-%m-%d.log
    encoding: { codec: text }
  per_app:
    type: file
    inputs: [in]
    path: /tmp/application-{{ application_id }}-%Y-%m-%d.log
    idle_timeout_secs: 600
    encoding: { codec: json }
  compressed:
    type: file
    inputs: [in]
    path: "{{ host }}/log.txt.gz"
    base_dir: /var/log/vector
    compression: gzip
    timezone: local
    encoding: { codec: json }
`,
    });
    expect(result).toMatchObject({ code: 0, problems: [], warnings: [] });
  });

  it('a path naming fields without a directory to confine them to is refused, as Vector 0.57 refuses it', async () => {
    const result = await validateFiles({
      'vector.yaml': `${demo}sinks:\n  out:\n    type: file\n    inputs: [in]\n    path: "{{ host }}/log.txt"\n    encoding: { codec: text }\n`,
    });
    expect(result.problems).toEqual([
      'vector.yaml: sinks.out.path: the path names event fields (host) but has no literal directory to confine them to; set base_dir, or dangerously_allow_unconfined_template_resolution = true (not recommended)',
    ]);
  });
});

describe('socket source: udp and unix_datagram, with max_length and receive_buffer_bytes', () => {
  it('a syslog-over-UDP collector and a unix datagram socket, as real configs write them', async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:
  udp_in:
    type: socket
    mode: udp
    address: 0.0.0.0:5140
    max_length: 65535
    receive_buffer_bytes: 8388608
    decoding:
      codec: syslog
  dgram_in:
    type: socket
    mode: unix_datagram
    path: /run/app/log.sock
    socket_file_mode: 0o666
sinks:
  out:
    type: blackhole
    inputs: [udp_in, dgram_in]
`,
    });
    expect(result).toMatchObject({ code: 0, problems: [], warnings: [] });
  });

  it("an option of another mode is refused, as Vector's UdpConfig refuses it", async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:\n  udp_in:\n    type: socket\n    mode: udp\n    address: 0.0.0.0:5140\n    connection_limit: 10\nsinks:\n  out:\n    type: blackhole\n    inputs: [udp_in]\n`,
    });
    expect(result.problems).toEqual([
      'vector.yaml: sources.udp_in.connection_limit: is not an option of mode "udp" (it has: mode, address, multicast_groups, multicast_interface, max_length, host_key, port_key, receive_buffer_bytes, framing, decoding)',
    ]);
  });
});

describe("Vector's log namespacing is refused by name, never silently ignored", () => {
  it('schema.log_namespace = true and a source log_namespace = true are refused; false is accepted', async () => {
    const refused = await validateFiles({
      'vector.yaml': `schema:
  log_namespace: true
sources:
  in:
    type: demo_logs
    format: json
    log_namespace: true
  sock:
    type: socket
    mode: tcp
    address: 0.0.0.0:9000
    log_namespace: false
sinks:
  out:
    type: console
    inputs: [in, sock]
    encoding: { codec: json }
`,
    });
    const message =
      "is Vector's log namespacing, which changes the shape of every event (the message at the root, metadata apart); Sluice does not implement it yet and writes the legacy shape: remove it, or set it to false";
    expect(refused.problems).toEqual([
      `vector.yaml: schema.log_namespace: ${message}`,
      `vector.yaml: sources.in.log_namespace: ${message}`,
    ]);
    const accepted = await validateFiles({
      'vector.yaml': `schema:\n  log_namespace: false\n${demo}    log_namespace: false\nsinks:\n  out:\n    type: blackhole\n    inputs: [in]\n`,
    });
    expect(accepted).toMatchObject({ code: 0, problems: [], warnings: [] });
  });
});

describe('the http_server source', () => {
  it("the examples of Vector's reference (text/plain and application/json) and the older type name", async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:
  plain:
    type: http_server
    address: 0.0.0.0:8080
    decoding:
      codec: bytes
    framing:
      method: newline_delimited
    headers: ["User-Agent"]
  json:
    type: http_server
    address: 0.0.0.0:8081
    decoding:
      codec: json
    framing:
      method: bytes
    headers: ["User-Agent"]
    path: /events
    path_key: vector_http_path
  old:
    type: http
    address: 0.0.0.0:8082
    auth:
      username: user
      password: "\${HTTP_PASSWORD:-secret}"
    keepalive:
      max_connection_age_secs: 300
    acknowledgements: true
    unknown_key: 1
sinks:
  out:
    type: blackhole
    inputs: [plain, json, old]
`,
    });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([
      'vector.yaml: sources.old.type = "http" is deprecated; use type = "http_server" (the same options)',
      'vector.yaml: sources.old.unknown_key is ignored: not an option here (Vector ignores unknown keys in this table too)',
    ]);
  });
});

describe('the syslog source', () => {
  it('tcp with TLS and a connection limit, udp, and unix, as real collectors write them', async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:
  syslog_tcp:
    type: syslog
    mode: tcp
    address: 0.0.0.0:6514
    max_length: 102400
    connection_limit: 500
    permit_origin: [10.0.0.0/8]
    keepalive:
      time_secs: 60
    tls:
      enabled: false
  syslog_udp:
    type: syslog
    mode: udp
    address: 0.0.0.0:514
    receive_buffer_bytes: 1048576
  syslog_unix:
    type: syslog
    mode: unix
    path: /run/sluice/syslog.sock
    host_key: hostname_seen
sinks:
  out:
    type: blackhole
    inputs: [syslog_*]
`,
    });
    expect(result).toMatchObject({ code: 0, problems: [], warnings: [] });
  });
});
