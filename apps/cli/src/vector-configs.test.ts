import { afterEach, describe, expect, it } from 'vitest';
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

  it('a Vector option Sluice lacks is refused by name, never ignored, even where Vector ignores unknown keys', async () => {
    const result = await validateFiles({
      'vector.yaml': `sources:\n  in:\n    type: socket\n    mode: tcp\n    address: 0.0.0.0:9000\n    multicast_groups: [224.0.0.2]\nsinks:\n  out:\n    type: blackhole\n    inputs: [in]\n`,
    });
    expect(result.problems).toEqual([
      'vector.yaml: sources.in.multicast_groups: "multicast_groups" is a Vector option of socket that Sluice does not implement yet',
    ]);
  });
});
