import { readFile } from 'node:fs/promises';
import { ConfigError } from '@sluice/component-api';
import { planTopology } from '@sluice/core-topology';
import { standardLibrary } from '@sluice/vrl';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { builtinRegistry } from './builtins.js';

/** Vector's own configs (credited in test-data/vector/README.md), checked as `sluice validate` does. */
async function check(name: string): Promise<{ problems: string[]; warnings: string[] }> {
  const text = await readFile(new URL(`../test-data/vector/${name}`, import.meta.url), 'utf8');
  const warnings: string[] = [];
  try {
    await planTopology(parseYaml(text), {
      registry: builtinRegistry(),
      warn: (message) => warnings.push(message),
    });
    return { problems: [], warnings };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { problems: error.problems.map((problem) => `${problem.path}: ${problem.message}`), warnings };
  }
}

describe("Vector's own configs validate unchanged", () => {
  it('the minimal example of each component Sluice has', async () => {
    expect(await check('minimal.yaml')).toEqual({ problems: [], warnings: [] });
  });

  it('the minimal and advanced examples of the file source (with a data_dir, which Vector defaults)', async () => {
    expect(await check('file.yaml')).toEqual({ problems: [], warnings: [] });
  });

  it('the advanced examples: globals, buffers, console, blackhole, demo_logs, old transforms', async () => {
    const { problems, warnings } = await check('advanced.yaml');
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      ...['api', 'expire_metrics_secs', 'timezone', 'log_schema', 'proxy', 'enrichment_tables'].map(
        (name) => `config: ${name} is a Vector global option that Sluice does not implement yet; ignored`,
      ),
      'config: transforms.add_fields.type = "add_fields" is deprecated; use type = "remap" with `.name = "value"` (Vector removed add_fields in 0.22 and refuses it)',
      'config: transforms.remove_fields.type = "remove_fields" is deprecated; use type = "remap" with `del(.name)` (Vector removed remove_fields in 0.22 and refuses it)',
      'config: transforms.json_parser.type = "json_parser" is deprecated; use type = "remap" with `. |= object!(parse_json!(.message))` (Vector removed json_parser in 0.22 and refuses it)',
      "config: sinks.blackhole.healthcheck.uri is ignored: each sink's healthcheck has its own target and deadline",
      "config: sinks.blackhole.healthcheck.timeout is ignored: each sink's healthcheck has its own target and deadline",
      'config: sinks.old_buffer_names.buffer.num_items is deprecated; use sinks.old_buffer_names.buffer.max_events',
    ]);
  });

  it('the advanced examples of socket (each mode: tcp, udp, unix_stream, unix_datagram) and stdin: every option honoured', async () => {
    expect(await check('socket-stdin-advanced.yaml')).toEqual({ problems: [], warnings: [] });
  });

  it('aws_kinesis_streams: compression, request_retry_partial and the older spellings, each old one warned once', async () => {
    const { problems, warnings } = await check('kinesis-older-options.yaml');
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      "config: sinks.kinesis.healthcheck.uri is ignored: each sink's healthcheck has its own target and deadline",
      'config: sinks.kinesis.assume_role is deprecated; use sinks.kinesis.auth.assume_role',
    ]);
  });

  it("aws_kinesis_streams compression: a level out of Vector's range is a config error at validation", async () => {
    const config = {
      sources: { in: { type: 'demo_logs', format: 'json' } },
      sinks: {
        out: {
          type: 'aws_kinesis_streams',
          inputs: ['in'],
          stream_name: 's',
          compression: { algorithm: 'gzip', level: 10 },
        },
      },
    };
    const error = await planTopology(config, { registry: builtinRegistry() }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map((problem) => `${problem.path}: ${problem.message}`)).toContain(
      'sinks.out.compression.level: must be <= 9 (got 10)',
    );
  });

  it("Vector's default config: its remap validates once parse_syslog is in the standard library, and is refused by that name until then", async () => {
    const { problems } = await check('vector-default.yaml');
    if (standardLibrary.some((definition) => definition.name === 'parse_syslog'))
      expect(problems).toEqual([]);
    else
      expect(problems).toEqual([
        expect.stringMatching(
          /^transforms\.parse_logs\.source: error\[E105\]: call to unsupported function\n(.*\n)*.*"parse_syslog" is part of VRL's standard library but not implemented here/,
        ),
      ]);
  });

  it('sink encodings and framing, and source decoding, as Vector writes them', async () => {
    expect(await check('codecs.yaml')).toEqual({ problems: [], warnings: [] });
  });
});

describe("Vector's request options of the kit's sinks", () => {
  const plan = async (sinks: Record<string, unknown>) => {
    const warnings: string[] = [];
    const topology = await planTopology(
      { sources: { in: { type: 'demo_logs', format: 'shuffle', lines: ['x'] } }, sinks },
      { registry: builtinRegistry(), warn: (message) => warnings.push(message) },
    );
    return { topology, warnings };
  };
  const kinesis = (request: Record<string, unknown>) => ({
    type: 'aws_kinesis_streams',
    inputs: ['in'],
    stream_name: 's',
    request,
  });
  const http = (request: Record<string, unknown>) => ({
    type: 'http',
    inputs: ['in'],
    uri: 'http://127.0.0.1:1/',
    request,
  });

  it('concurrency "adaptive" (the default), "none" or a number; adaptive_concurrency and retry_jitter_mode', async () => {
    const { topology, warnings } = await plan({
      k_default: kinesis({}),
      k_none: kinesis({ concurrency: 'none', retry_jitter_mode: 'None' }),
      h_default: http({}),
      h_tuned: http({
        concurrency: 'adaptive',
        adaptive_concurrency: { initial_concurrency: 4, max_concurrency_limit: 50, decrease_ratio: 0.5 },
      }),
      h_fixed: http({ concurrency: 8 }),
    });
    expect(warnings).toEqual([]);
    const request = (id: string) =>
      (topology.sinks.get(id)?.options as { request?: Record<string, unknown> } | undefined)?.request ?? {};
    expect(request('k_default')).toMatchObject({
      concurrency: 'adaptive',
      retry_jitter_mode: 'Full',
      adaptive_concurrency: {
        initial_concurrency: 1,
        max_concurrency_limit: 200,
        decrease_ratio: 0.9,
        ewma_alpha: 0.4,
        rtt_deviation_scale: 2.5,
      },
    });
    expect(request('k_none')).toMatchObject({ concurrency: 'none', retry_jitter_mode: 'None' });
    expect(request('h_default')).toMatchObject({ concurrency: 'adaptive' });
    expect(request('h_tuned').adaptive_concurrency).toMatchObject({
      initial_concurrency: 4,
      ewma_alpha: 0.4,
    });
    expect(request('h_fixed')).toMatchObject({ concurrency: 8 });
  });

  it('request.in_flight_limit, the older name, moves to request.concurrency with one warning', async () => {
    const { topology, warnings } = await plan({
      k: kinesis({ in_flight_limit: 3 }),
      h: http({ in_flight_limit: 'none' }),
    });
    expect(warnings).toEqual([
      'config: sinks.k.request.in_flight_limit is deprecated; use sinks.k.request.concurrency',
      'config: sinks.h.request.in_flight_limit is deprecated; use sinks.h.request.concurrency',
    ]);
    expect(topology.sinks.get('k')?.options).toMatchObject({ request: { concurrency: 3 } });
    expect(topology.sinks.get('h')?.options).toMatchObject({ request: { concurrency: 'none' } });
  });

  it('refuses a concurrency of 0, an unknown word, a decrease_ratio of 1 and an unknown jitter mode', async () => {
    for (const request of [
      { concurrency: 0 },
      { concurrency: 'auto' },
      { adaptive_concurrency: { decrease_ratio: 1 } },
      { retry_jitter_mode: 'full' },
    ]) {
      await expect(plan({ h: http(request) }), JSON.stringify(request)).rejects.toThrow(/sinks\.h\.request/);
    }
  });
});
