import { once } from 'node:events';
import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseToml } from 'smol-toml';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { cleanup, EXAMPLES, freePort, metricValue, run, start, workspace } from './test-helpers/cli.js';

afterEach(cleanup);

const demoToConsole = `
[sources.generator]
type = "demo_logs"
format = "shuffle"
lines = ["hello from sluice"]
interval = 0.01

[sinks.out]
type = "console"
inputs = ["generator"]
encoding = "text"
`;

describe('sluice CLI (built, as a child process)', () => {
  it('runs demo_logs → console and exits 0 on SIGTERM after flushing', async () => {
    const cwd = await workspace({ 'sluice.toml': demoToConsole });
    const sluice = start(['--config', 'sluice.toml'], { cwd });
    await sluice.waitFor('hello from sluice\nhello from sluice\n');
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    expect(sluice.stderr()).toMatch(/received SIGTERM; shutting down/);
    expect(sluice.stderr()).toMatch(/pipeline stopped/);
  });

  it.runIf(process.platform === 'linux')(
    'shows as sluice to ps and pgrep (not node-MainThread), its command line intact',
    async () => {
      const cwd = await workspace({ 'sluice.toml': demoToConsole });
      const sluice = start(['--config', 'sluice.toml'], { cwd });
      await sluice.waitFor('hello from sluice\n');
      expect((await readFile(`/proc/${sluice.child.pid}/comm`, 'utf8')).trim()).toBe('sluice');
      expect(await readFile(`/proc/${sluice.child.pid}/cmdline`, 'utf8')).toContain('--config\0sluice.toml');
      sluice.child.kill('SIGTERM');
      expect(await sluice.exited).toBe(0);
    },
  );

  it('[api]: /health answers 200 {"ok":true} and /components counts the running pipeline', async () => {
    const cwd = await workspace({
      'sluice.toml': `[api]\nenabled = true\naddress = "127.0.0.1:0"\n${demoToConsole}`,
    });
    const sluice = start(['--config', 'sluice.toml'], { cwd });
    await sluice.waitFor(/API on http:\/\/\S+/);
    const url = /API on (http:\/\/\S+)/.exec(sluice.stderr())?.[1] as string;
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    await sluice.waitFor('hello from sluice\nhello from sluice\n');
    const { components } = (await (await fetch(`${url}/components`)).json()) as {
      components: Array<{ id: string; kind: string; received_events: number }>;
    };
    const out = components.find((component) => component.id === 'out');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^build_info\{version="\d+\.\d+\.\d+",node_version="v\d+/m);
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(out?.kind).toBe('sink');
    expect(out?.received_events).toBeGreaterThan(0);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
  });

  it('a second SIGTERM says how many events it loses (memory buffers, in flight) before exiting', async () => {
    // A Kinesis endpoint that accepts connections and never answers: requests stay in flight.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const { port } = silent.address() as AddressInfo;
      const cwd = await workspace({
        'sluice.toml': `[sources.generator]\ntype = "demo_logs"\nformat = "shuffle"\nlines = ["x"]\ninterval = 0\n[sinks.out]\ntype = "aws_kinesis_streams"\ninputs = ["generator"]\nstream_name = "s"\nregion = "us-east-1"\nendpoint = "http://127.0.0.1:${port}"\nhealthcheck.enabled = false\nbatch.timeout_secs = 0.1\nbuffer.type = "memory"\nbuffer.max_events = 100\n`,
      });
      const connected = once(silent, 'connection');
      const sluice = start(['--config', 'sluice.toml', '--metrics-address', '127.0.0.1:0'], { cwd });
      await sluice.waitFor(/metrics on http:\/\/\S+/);
      const metricsUrl = /metrics on (http:\/\/\S+)/.exec(sluice.stderr())?.[1] as string;
      await connected;
      // The request hangs; the source fills the buffer behind it.
      let buffered = 0;
      while (buffered < 100) {
        const text = await (await fetch(metricsUrl)).text();
        buffered = metricValue(text, 'buffer_size_events', { component_id: 'out' }) ?? 0;
      }
      sluice.child.kill('SIGTERM');
      await sluice.waitFor('shutting down gracefully');
      sluice.child.kill('SIGTERM');
      expect(await sluice.exited).toBe(1);
      const lost =
        /exiting at once: (\d+) events in memory buffers and (\d+) in flight are lost; 0 stay in disk buffers/.exec(
          sluice.stderr(),
        );
      expect(lost).not.toBeNull();
      expect(Number(lost?.[1])).toBeGreaterThan(0);
      expect(Number(lost?.[2])).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it('never prints a secret: config errors of every shape, a JSON syntax error, validate, graph, run -vv', async () => {
    const marker = 'CFGSECRETMARKER789';
    const sink = (auth: unknown) => ({
      type: 'aws_kinesis_streams',
      inputs: ['in'],
      stream_name: 's',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9',
      healthcheck: { enabled: false },
      auth,
    });
    const source = { in: { type: 'demo_logs', format: 'shuffle', lines: ['x'], count: 1 } };
    const bad = {
      sources: source,
      sinks: {
        a: sink(marker),
        b: sink({ secret_access_key: [marker] }),
        c: sink({ access_key_id: { nested: marker }, secret_access_key: 7 }),
        d: sink({ session_token: marker, unknown_field: 1 }),
        e: sink([marker]),
      },
    };
    const good = {
      sources: source,
      sinks: { out: sink({ access_key_id: marker, secret_access_key: marker, session_token: marker }) },
    };
    const cwd = await workspace({
      'bad.json': JSON.stringify(bad),
      'syntax.json': `{"sinks": {"out": {"auth": {"secret_access_key": "${marker}" oops}}}}`,
      'control.json': `{"auth": "${marker}\u0001"}`,
      'good.json': JSON.stringify(good),
      // A secret from a backend, put in options not marked secret (one refused, one used).
      'store.json': JSON.stringify({ value: marker }),
      'secret-ref.json': JSON.stringify({
        secret: { store: { type: 'file', path: 'store.json' } },
        sources: { in: { type: 'demo_logs', format: 'shuffle', lines: ['SECRET[store.value]'], count: 1 } },
        sinks: { out: { ...sink({}), compression: 'SECRET[store.value]' } },
      }),
    });
    const outputs: string[] = [];
    for (const args of [
      ['validate', '--no-environment', '--config', 'bad.json'],
      ['--config', 'bad.json'],
      ['--config', 'syntax.json'],
      ['--config', 'control.json'],
      ['graph', '--config', 'good.json'],
      ['graph', '--format', 'mermaid', '--config', 'good.json'],
      ['-vv', '--log-format', 'json', 'validate', '--config', 'good.json'],
      ['-vv', 'validate', '--no-environment', '--config', 'secret-ref.json'],
    ]) {
      const result = await run(args, { cwd });
      outputs.push(`${result.stdout}${result.stderr}`);
    }
    const sluice = start(['-vv', '--graceful-shutdown-limit-secs', '1', '--config', 'good.json'], { cwd });
    await sluice.waitFor('pipeline started');
    sluice.child.kill('SIGTERM');
    await sluice.exited;
    outputs.push(sluice.stdout() + sluice.stderr());
    for (const output of outputs) expect(output).not.toContain(marker);
    // The problems were reported, just without the values.
    expect(outputs[0]).toMatch(/sinks\.a\.auth: must be object \(got a secret, not shown\)/);
    expect(outputs[0]).toMatch(
      /sinks\.b\.auth\.secret_access_key: must be string \(got a secret, not shown\)/,
    );
    expect(outputs[0]).toMatch(
      /sinks\.c\.auth\.secret_access_key: must be string \(got a secret, not shown\)/,
    );
    expect(outputs[0]).toMatch(/sinks\.d\.auth\.unknown_field: unknown field/);
    expect(outputs[7]).toMatch(/sinks\.out\.compression: must be \S+ .*\(got a secret, not shown\)/);
    expect(outputs[2]).toMatch(
      /syntax\.json: syntax error: line 1, column \d+: Expected ',' or '}' after property value/,
    );
  });

  describe('bad input: one clear message naming the file and path, exit 78, bounded memory', () => {
    const pipeline =
      'sources:\n  in: { type: demo_logs, format: shuffle, lines: [x] }\nsinks:\n  out: { type: console, inputs: [in], encoding: { codec: json } }\n';
    const diskSink = (dataDir: string) =>
      `data_dir: ${JSON.stringify(dataDir)}\nsources:\n  in: { type: demo_logs, format: shuffle, lines: [x], count: 1 }\nsinks:\n  out: { type: console, inputs: [in], encoding: { codec: json }, buffer: { type: disk, max_size: 300000000 } }\n`;
    const deep = 100_000;
    const cases: Array<[string, Record<string, string>, string[], RegExp]> = [
      [
        'deeply nested JSON',
        { 'c.json': `{"sources": ${'['.repeat(deep)}${']'.repeat(deep)}}` },
        ['validate', '--no-environment', '--config', 'c.json'],
        /^error: c\.json: sources(\[0\]){31}: nested too deeply \(at most 32 levels\)\n/,
      ],
      [
        'deeply nested YAML',
        { 'c.yaml': `sources: ${'['.repeat(deep)}${']'.repeat(deep)}\n` },
        ['validate', '--no-environment', '--config', 'c.yaml'],
        /^error: c\.yaml: syntax error: line 1, column \d+: nested too deeply/,
      ],
      [
        'YAML !!binary',
        { 'c.yaml': pipeline.replace('lines: [x]', 'lines: [!!binary aGVsbG8=]') },
        ['validate', '--no-environment', '--config', 'c.yaml'],
        /^error: c\.yaml: sources\.in\.lines\[0\]: a binary \(YAML !!binary\) value is not supported/,
      ],
      [
        'a bad --metrics-address',
        { 'c.yaml': pipeline },
        ['--metrics-address', 'nonsense', '--config', 'c.yaml'],
        /^error: --metrics-address: must be HOST:PORT or :PORT/,
      ],
      [
        'a --metrics-address port out of range',
        { 'c.yaml': pipeline },
        ['--metrics-address', '127.0.0.1:99999', '--config', 'c.yaml'],
        /^error: --metrics-address: must be HOST:PORT or :PORT/,
      ],
      [
        'a bad metrics.address',
        { 'c.yaml': `metrics: { address: "localhost" }\n${pipeline}` },
        ['validate', '--no-environment', '--config', 'c.yaml'],
        /^error: c\.yaml: metrics\.address: must be HOST:PORT or :PORT/,
      ],
      [
        'a data_dir that is a file',
        { 'c.yaml': diskSink('c.yaml') },
        ['validate', '--config', 'c.yaml'],
        /^error: c\.yaml: data_dir: cannot keep disk buffers in "c\.yaml": it is not a directory\n/,
      ],
      [
        'a data_dir under /proc',
        { 'c.yaml': diskSink('/proc/sluice-data') },
        ['validate', '--config', 'c.yaml'],
        /^error: c\.yaml: data_dir: cannot keep disk buffers in "\/proc\/sluice-data": it is on a pseudo file system/,
      ],
      [
        '500,000 unknown keys',
        {
          'c.toml': `[sources.in]\ntype = "demo_logs"\n${Array.from({ length: 500_000 }, (_, index) => `k${index} = 1`).join('\n')}\n`,
        },
        ['validate', '--no-environment', '--config', 'c.toml'],
        /^error: c\.toml: has more than 200000 lines and list items; a config file has far fewer\n/,
      ],
    ];
    for (const [name, files, args, expected] of cases) {
      it(name, async () => {
        const cwd = await workspace(files);
        const result = await run(args, { cwd, env: { NODE_OPTIONS: '--max-old-space-size=200' } });
        expect(result.stderr).toMatch(expected);
        expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(result.code).toBe(78);
      });
    }

    it('thousands of unknown fields: the first 50 printed, the rest counted', async () => {
      const fields = Array.from({ length: 2000 }, (_, index) => `  k${index}: 1`).join('\n');
      const cwd = await workspace({
        'c.yaml': `sources:\n  in:\n    type: stdin\n${fields.replaceAll('  k', '    k')}\nsinks:\n  out: { type: console, inputs: [in], encoding: { codec: json } }\n`,
      });
      const result = await run(['validate', '--no-environment', '--config', 'c.yaml'], { cwd });
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(51);
      expect(lines[0]).toMatch(/^error: c\.yaml: sources\.in\.k\d+: unknown field/);
      expect(lines[50]).toBe('error: … and 1950 more problems, not shown');
      expect(result.code).toBe(78);
    });
  });

  const badConfigs: Array<[string, Record<string, string>, string[], RegExp]> = [
    [
      'TOML syntax error',
      { 'bad.toml': '[sources.x\ntype = 1' },
      ['--config', 'bad.toml'],
      /bad\.toml: syntax error: line 1/,
    ],
    [
      'YAML syntax error',
      { 'bad.yaml': 'sources:\n  x: [unclosed' },
      ['--config', 'bad.yaml'],
      /bad\.yaml: syntax error/,
    ],
    [
      'JSON syntax error',
      { 'bad.json': '{"sources": ' },
      ['--config', 'bad.json'],
      /bad\.json: syntax error/,
    ],
    [
      'unknown type',
      { 'c.toml': '[sources.in]\ntype = "demo_log"\n[sinks.out]\ntype = "console"\ninputs = ["in"]' },
      ['--config', 'c.toml'],
      /c\.toml: sources\.in\.type: unknown source type "demo_log"; did you mean "demo_logs"\?/,
    ],
    [
      'unknown field',
      {
        'c.toml':
          '[sources.in]\ntype = "stdin"\nmax_lenght = 3\n[sinks.out]\ntype = "console"\ninputs = ["in"]',
      },
      ['--config', 'c.toml'],
      /c\.toml: sources\.in\.max_lenght: unknown field "max_lenght"; did you mean "max_length"\?/,
    ],
    [
      'wrong type',
      {
        'c.yaml':
          'sources:\n  in: { type: demo_logs, count: "many" }\nsinks:\n  out: { type: console, inputs: [in] }',
      },
      ['--config', 'c.yaml'],
      /c\.yaml: sources\.in\.count: must be integer/,
    ],
    [
      'bad inputs',
      { 'c.toml': '[sources.in]\ntype = "demo_logs"\n[sinks.out]\ntype = "console"\ninputs = ["inn"]' },
      ['--config', 'c.toml'],
      /c\.toml: sinks\.out\.inputs: unknown input "inn"; did you mean "in"\?/,
    ],
    [
      'cycle',
      {
        'c.toml':
          '[sources.in]\ntype = "demo_logs"\n[transforms.a]\ntype = "add_fields"\ninputs = ["in", "b"]\nfields = {x = 1}\n[transforms.b]\ntype = "add_fields"\ninputs = ["a"]\nfields = {y = 1}\n[sinks.out]\ntype = "console"\ninputs = ["b"]',
      },
      ['--config', 'c.toml'],
      /c\.toml: transforms\.\w\.inputs: cycle: (a → b → a|b → a → b)/,
    ],
    [
      'unset environment variable',
      {
        'c.toml':
          '[sources.in]\ntype = "demo_logs"\n[sinks.out]\ntype = "aws_kinesis_streams"\ninputs = ["in"]\nstream_name = "${SLUICE_TEST_UNSET}"',
      },
      ['--config', 'c.toml'],
      /c\.toml: line 6: environment variable SLUICE_TEST_UNSET is not set/,
    ],
    [
      'duplicate id across two files',
      {
        'a.toml': '[sources.in]\ntype = "demo_logs"\n[sinks.out]\ntype = "console"\ninputs = ["in"]',
        'b.yaml': 'sinks:\n  out: { type: blackhole, inputs: [in] }',
      },
      ['--config', 'a.toml', '--config', 'b.yaml'],
      /b\.yaml: sinks\.out: component "out" is already defined in a\.toml/,
    ],
  ];
  for (const [name, files, args, message] of badConfigs) {
    it(`a config error (${name}) exits 78 with the file and the path`, async () => {
      const cwd = await workspace(files);
      const result = await run(['validate', '--no-environment', ...args], { cwd });
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('reports every problem at once, one line each', async () => {
    const cwd = await workspace({
      'c.toml':
        '[sources.in]\ntype = "demo_logs"\ncount = -1\n[sinks.out]\ntype = "console"\ninputs = ["nope"]\ntarget = "printer"',
    });
    const result = await run(['validate', '--no-environment', '--config', 'c.toml'], { cwd });
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')).toHaveLength(3);
  });

  it('reports the loading problems of every file (unset variables, syntax) in one run', async () => {
    const cwd = await workspace({
      'a.toml': '[sources.in]\ntype = "demo_logs"\nlines = ["${SLUICE_TEST_UNSET}"]\nformat = "shuffle"\n',
      'b.toml':
        '[sinks.out]\ntype = "console"\ninputs = ["in"]\ntarget = "${SLUICE_TEST_UNSET_TOO:?say where}"\n',
      'c.toml': '[transforms.x\ntype = "remap"',
    });
    const result = await run(
      ['validate', '--no-environment', '--config', 'a.toml,b.toml', '--config', 'c.toml'],
      { cwd },
    );
    expect(result.code).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/a\.toml: line 3: environment variable SLUICE_TEST_UNSET is not set/);
    expect(lines[1]).toMatch(
      /b\.toml: line 4: environment variable SLUICE_TEST_UNSET_TOO is not set: say where/,
    );
    expect(lines[2]).toMatch(/c\.toml: syntax error: line 1/);
  });

  it("accepts Vector's --dangerously-allow-env-var-interpolation and unimplemented globals, warning by name", async () => {
    const cwd = await workspace({
      'c.toml':
        'timezone = "local"\n[sources.in]\ntype = "demo_logs"\nformat = "shuffle"\nlines = ["x"]\n[sinks.out]\ntype = "console"\ninputs = ["in"]\nhealthcheck.uri = "http://127.0.0.1:1/"\n[[tests]]\nname = "t"\n',
    });
    const result = await run(
      ['validate', '--no-environment', '--dangerously-allow-env-var-interpolation', '--config', 'c.toml'],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /c\.toml: timezone is a Vector global option that Sluice does not implement yet; ignored/,
    );
    // [[tests]] are run by `sluice test`; the other commands take them silently, as Vector's.
    expect(result.stderr).not.toMatch(/tests/);
    expect(result.stderr).toMatch(/c\.toml: sinks\.out\.healthcheck\.uri is ignored/);
  });

  it('an environment value cannot add a table: a newline is refused, and on one line TOML allows none', async () => {
    const config =
      '[sources.in]\ntype = "demo_logs"\nlines = ["${SLUICE_INJECT}"]\n[sinks.out]\ntype = "console"\ninputs = ["in"]';
    const cwd = await workspace({ 'c.toml': config });
    const injected = await run(['validate', '--no-environment', '--config', 'c.toml'], {
      cwd,
      env: { SLUICE_INJECT: 'x"]\n[sinks.evil]\ntype = "console"\ninputs = ["in"' },
    });
    expect(injected.code).toBe(78);
    expect(injected.stderr).toMatch(/line 3: environment variable SLUICE_INJECT contains a newline/);
    // Substituted in the raw text, as Vector does: `"] [sinks.evil] #` on one line is a syntax error.
    const oneLine = await run(['graph', '--config', 'c.toml'], {
      cwd,
      env: { SLUICE_INJECT: '"] [sinks.evil] #' },
    });
    expect(oneLine.code).toBe(78);
    expect(oneLine.stderr).toMatch(/c\.toml: syntax error: line 3/);
    expect(oneLine.stdout).not.toContain('evil');
  });

  it('sluice schema is a JSON Schema ajv compiles, and every example config validates against it', async () => {
    const result = await run(['schema']);
    expect(result.code).toBe(0);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(result.stdout));
    const files = (await readdir(EXAMPLES)).filter((name) => /\.(toml|ya?ml|json)$/.test(name));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const name of files) {
      const text = await readFile(join(EXAMPLES, name), 'utf8');
      const parsed = name.endsWith('.toml')
        ? parseToml(text)
        : name.endsWith('.json')
          ? JSON.parse(text)
          : parseYaml(text);
      expect(validate(parsed), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const bad = validate({ sinks: { out: { type: 'console', inputs: ['x'], target: 'printer' } } });
    expect(bad).toBe(false);
  });

  it('sluice validate accepts every example config', async () => {
    const files = (await readdir(EXAMPLES)).filter((name) => /\.(toml|ya?ml|json)$/.test(name));
    for (const name of files) {
      const result = await run(['validate', '--no-environment', '--config', join(EXAMPLES, name)]);
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
    }
  });

  it('seed-era option names validate with one deprecation warning per old name', async () => {
    const result = await run([
      'validate',
      '--no-environment',
      '--config',
      join(EXAMPLES, 'seed-era-options.toml'),
    ]);
    expect(result.code).toBe(0);
    for (const old of [
      'batch_size',
      'batch_timeout',
      'request_in_flight_limit',
      'request_timeout_secs',
      'retry_attempts',
      'retry_backoff_secs',
      'rate_limit_num',
      'rate_limit_duration',
    ]) {
      expect(result.stderr.split(`sinks.my_sink_id.${old} is deprecated`).length - 1, old).toBe(1);
    }
    const cwd = await workspace({
      'c.toml':
        '[sources.in]\ntype = "demo_logs"\n[sinks.out]\ntype = "aws_kinesis_streams"\ninputs = ["in"]\nstream_name = "s"\nbatch_timeout = 1\nbatch = { timeout_secs = 2 }',
    });
    const both = await run(['validate', '--no-environment', '--config', 'c.toml'], { cwd });
    expect(both.code).toBe(78);
    expect(both.stderr).toMatch(
      /sinks\.out\.batch_timeout: cannot be set together with its new name "batch\.timeout_secs"/,
    );
  });

  it('list, graph (dot and mermaid), --version and --help work', async () => {
    const list = await run(['list']);
    expect(list.stdout).toMatch(/aws_kinesis_streams\s+Batches log events/);
    const cwd = await workspace({ 'sluice.toml': demoToConsole });
    const dot = await run(['graph', '--config', 'sluice.toml'], { cwd });
    expect(dot.stdout).toContain('"generator" -> "out"');
    const mermaid = await run(['graph', '--format', 'mermaid', '--config', 'sluice.toml'], { cwd });
    expect(mermaid.stdout).toContain('n_generator --> n_out');
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await run(['--help'])).stdout).toContain('validate');
  });

  it('SLUICE_CONFIG works like --config', async () => {
    const cwd = await workspace({ 'sluice.toml': demoToConsole });
    const result = await run(['validate', '--no-environment'], {
      cwd,
      env: { SLUICE_CONFIG: 'sluice.toml' },
    });
    expect(result.code).toBe(0);
  });

  it('--require-healthy exits 78 when a healthcheck fails (a missing stream)', async () => {
    const { FakeKinesis } = await import('@sluice/sink-kinesis/testing');
    const fake = new FakeKinesis({ streams: ['present'] });
    const endpoint = await fake.start();
    try {
      const cwd = await workspace({
        'c.toml': `[sources.in]\ntype = "demo_logs"\n[sinks.out]\ntype = "aws_kinesis_streams"\ninputs = ["in"]\nstream_name = "absent"\nendpoint = "${endpoint}"\nregion = "us-east-1"`,
      });
      const result = await run(['--require-healthy', '--config', 'c.toml'], { cwd });
      expect(result.code).toBe(78);
      expect(result.stderr).toMatch(/healthcheck failed: out: stream "absent" does not exist/);
    } finally {
      await fake.stop();
    }
  });

  it('serves /metrics with component counters rising', async () => {
    const cwd = await workspace({ 'sluice.toml': demoToConsole });
    const port = await freePort();
    const sluice = start(['--config', 'sluice.toml', '--metrics-address', `127.0.0.1:${port}`], { cwd });
    await sluice.waitFor('metrics on http://');
    const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    await sluice.waitFor('hello from sluice');
    const first = await scrape();
    const firstReceived = metricValue(first, 'component_received_events_total', { component_id: 'out' }) ?? 0;
    const firstSent = metricValue(first, 'component_sent_events_total', { component_id: 'generator' }) ?? 0;
    let second = first;
    while (
      (metricValue(second, 'component_received_events_total', { component_id: 'out' }) ?? 0) <= firstReceived
    ) {
      await sluice.waitFor(/hello from sluice/);
      second = await scrape();
    }
    expect(metricValue(second, 'component_sent_events_total', { component_id: 'generator' })).toBeGreaterThan(
      firstSent,
    );
    expect(metricValue(second, 'component_sent_events_total', { component_id: 'out' })).toBeGreaterThan(0);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
  });

  it('loads a third-party sink named in plugins', async () => {
    const cwd = await workspace({
      'c.toml': `plugins = ["@acme/sluice-sink-counter"]\n[sources.in]\ntype = "demo_logs"\ncount = 5\ninterval = 0\n[sinks.out]\ntype = "counter"\ninputs = ["in"]\nfield = "source_type"`,
    });
    // Installed the way a user would: in the node_modules of the directory sluice runs from.
    await mkdir(join(cwd, 'node_modules', '@acme'), { recursive: true });
    await symlink(
      join(EXAMPLES, 'plugin-sink'),
      join(cwd, 'node_modules', '@acme', 'sluice-sink-counter'),
      'dir',
    );
    const result = await run(['--config', 'c.toml'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/counter totals.*"demo_logs":5/);
  });
});
