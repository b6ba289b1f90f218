import { ConfigError, SPECIFICATION_VERSION } from '@sluice/component-api';
import { describe, expect, it } from 'vitest';
import { ComponentRegistry } from '../registry.js';
import { counterSource, recordingSink, testRegistry } from '../test-helpers/components.js';
import { planTopology } from './plan-topology.js';

const source = { numbers: { type: 'test_counter', count: 1 } };

async function problems(config: unknown, registry = testRegistry()): Promise<string[]> {
  try {
    await planTopology(config, { registry, locate: () => 'sluice.toml' });
  } catch (error) {
    if (error instanceof ConfigError)
      return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
    throw error;
  }
  return [];
}

function withDisk(registry = testRegistry()): ComponentRegistry {
  registry.register(
    [
      {
        specificationVersion: SPECIFICATION_VERSION,
        kind: 'buffer',
        type: 'disk',
        description: 'disk',
        capabilities: { durable: true, sinkDirectory: true },
        optionsSchema: { type: 'object', properties: { max_size: { type: 'integer', description: 'size' } } },
        // As the real disk buffer: the check of data_dir is the definition's, run by the plan.
        validate: (_options: unknown, context: { dataDir: string | undefined }) =>
          context.dataDir === undefined
            ? [{ path: 'type', message: 'a disk buffer needs the global data_dir to be set' }]
            : [],
        create: () => {
          throw new Error('not used');
        },
      },
    ],
    'test-disk',
  );
  return registry;
}

const sinkWith = (buffer: unknown, extra: Record<string, unknown> = {}) => ({
  ...extra,
  sources: source,
  sinks: { out: { type: 'test_recording', inputs: ['numbers'], buffer } },
});

describe('planTopology', () => {
  it('applies defaults, freezes options, and gives every sink the default buffer', async () => {
    const plan = await planTopology(
      { sources: source, sinks: { out: { type: 'test_recording', inputs: ['numbers'] } } },
      { registry: testRegistry() },
    );
    expect(plan.sources.get('numbers')?.options).toEqual({ count: 1, batch_size: 10, acknowledge: false });
    expect(Object.isFrozen(plan.sources.get('numbers')?.options)).toBe(true);
    expect(plan.sinks.get('out')?.buffer.map((stage) => [stage.type, stage.whenFull, stage.options])).toEqual(
      [['memory', 'block', { max_events: 500 }]],
    );
    expect(plan.healthchecks).toEqual({ enabled: true, requireHealthy: false });
  });

  it('expands wildcard inputs and reports unknown ones with the nearest id', async () => {
    const plan = await planTopology(
      {
        sources: {
          app_web: { type: 'test_counter' },
          app_api: { type: 'test_counter' },
          other: { type: 'test_counter' },
        },
        sinks: { out: { type: 'test_recording', inputs: ['app_*'] } },
      },
      { registry: testRegistry() },
    );
    expect([...(plan.sinks.get('out')?.inputs ?? [])].sort()).toEqual(['app_api', 'app_web']);
    expect(
      await problems({
        sources: source,
        sinks: { out: { type: 'test_recording', inputs: ['numbres', 'zz_*'] } },
      }),
    ).toEqual([
      'sinks.out.inputs: unknown input "numbres"; did you mean "numbers"?',
      'sinks.out.inputs: the wildcard "zz_*" matches no source or transform',
    ]);
  });

  it('refuses empty inputs, duplicate ids, no source and no sink', async () => {
    expect(
      await problems({ sources: source, sinks: { out: { type: 'test_recording', inputs: [] } } }),
    ).toEqual(['sinks.out.inputs: "out" has no inputs; list the components that feed it']);
    expect(
      await problems({
        sources: { same: { type: 'test_counter' } },
        sinks: { same: { type: 'test_recording', inputs: ['same'] } },
      }),
    ).toContain('sinks.same: component id "same" is used twice (also in sources); ids must be unique');
    expect(await problems({ sinks: {} })).toEqual([
      'sources: no source is configured; a pipeline needs at least one',
      'sinks: no sink is configured; a pipeline needs at least one',
    ]);
  });

  it('lists the known types and the nearest one for an unknown type', async () => {
    expect(
      await problems({
        sources: { numbers: { type: 'test_countr' } },
        sinks: { out: { type: 'test_recording', inputs: ['numbers'] } },
      }),
    ).toEqual([
      'sources.numbers.type: unknown source type "test_countr"; did you mean "test_counter"? (known source types: test_connection, test_counter)',
    ]);
  });

  it('moves deprecated option names, warning once each, and refuses old and new together', async () => {
    const registry = new ComponentRegistry();
    registry.register(
      [
        {
          ...recordingSink,
          type: 'aliased',
          optionsSchema: {
            type: 'object',
            properties: {
              batch: {
                type: 'object',
                properties: { max: { type: 'integer', description: 'max' } },
                description: 'batch',
              },
            },
          },
          deprecatedOptions: { batch_size: 'batch.max' },
        },
      ],
      'test-alias',
    );
    for (const definition of [...(await testRegistry().loadAll())])
      if (definition.type !== 'test_recording') registry.register([definition], 'test');
    const warnings: string[] = [];
    const plan = await planTopology(
      { sources: source, sinks: { out: { type: 'aliased', inputs: ['numbers'], batch_size: 7 } } },
      { registry, warn: (message) => warnings.push(message) },
    );
    expect(plan.sinks.get('out')?.options).toMatchObject({ batch: { max: 7 } });
    expect(warnings).toEqual(['config: sinks.out.batch_size is deprecated; use sinks.out.batch.max']);
    await expect(
      planTopology(
        {
          sources: source,
          sinks: { out: { type: 'aliased', inputs: ['numbers'], batch_size: 7, batch: { max: 8 } } },
        },
        { registry },
      ),
    ).rejects.toThrow(
      'sinks.out.batch_size: cannot be set together with its new name "batch.max"; keep only "batch.max"',
    );
  });

  it('warns that the legacy source type tcp is deprecated, as for deprecated options', async () => {
    const registry = testRegistry();
    const counter = (await registry.loadAll()).find((definition) => definition.type === 'test_counter');
    if (counter === undefined) throw new Error('test_counter missing');
    registry.register([{ ...counter, type: 'tcp' }], 'test-legacy');
    const warnings: string[] = [];
    await planTopology(
      {
        sources: { legacy: { type: 'tcp', count: 1 } },
        sinks: { out: { type: 'test_recording', inputs: ['legacy'] } },
      },
      { registry, warn: (message) => warnings.push(message) },
    );
    expect(warnings).toEqual([
      'config: sources.legacy.type = "tcp" is deprecated; use type = "socket" with mode = "tcp"',
    ]);
  });

  it('gives each invalid buffer chain its own message naming the sink, the stage and the field', async () => {
    const disk = withDisk();
    const cases: Array<[unknown, string, ComponentRegistry?]> = [
      [[], 'sinks.out.buffer: sink "out": the buffer list is empty; give at least one stage'],
      [
        [{ type: 'memory', when_full: 'overflow' }],
        'sinks.out.buffer[0].when_full: sink "out", buffer stage 0: "overflow" needs a next stage to overflow to; the last stage must block or drop_newest',
      ],
      [
        [{ type: 'memory', when_full: 'block' }, { type: 'memory' }],
        'sinks.out.buffer[0].when_full: sink "out", buffer stage 0: only the last stage may use "block"; earlier stages must use "overflow"',
      ],
      [
        { type: 'memory', max_events: 5, max_size: 100 },
        'sinks.out.buffer.max_events: sink "out", buffer stage 0: set either max_events or max_size, not both',
      ],
      [
        { type: 'disk', max_events: 5, max_size: 100 },
        'sinks.out.buffer.max_events: sink "out", buffer stage 0: a disk buffer is bounded by max_size (bytes), not max_events',
        disk,
      ],
      [
        { type: 'disk', max_size: 100 },
        'sinks.out.buffer.type: sink "out", buffer stage 0: a disk buffer needs the global data_dir to be set',
        disk,
      ],
      [
        [
          { type: 'disk', max_size: 100, when_full: 'overflow' },
          { type: 'disk', max_size: 100 },
        ],
        'sinks.out.buffer[1].type: sink "out", buffer stage 1: a sink can have only one disk stage',
        disk,
      ],
      [
        { type: 'memory', max_events: 'ten' },
        'sinks.out.buffer.max_events: sink "out", buffer stage 0: must be integer (got "ten")',
      ],
    ];
    for (const [buffer, message, registry] of cases) {
      expect(
        await problems(
          sinkWith(buffer, buffer && JSON.stringify(buffer).includes('data_dir') ? {} : {}),
          registry,
        ),
      ).toContain(message);
    }
  });

  it("runs each definition's validate on options that passed the schema, at the component's path", async () => {
    const registry = testRegistry();
    const counter = (await registry.loadAll()).find((definition) => definition.type === 'test_counter');
    if (counter === undefined) throw new Error('test_counter missing');
    const seen: unknown[] = [];
    registry.register(
      [
        {
          ...counter,
          type: 'checked',
          validate: (options: Record<string, unknown>, context: { dataDir: string | undefined }) => {
            seen.push(options, context.dataDir);
            return [
              { path: 'count', message: 'is odd' },
              { path: '', message: 'is wrong as a whole' },
            ];
          },
        },
        {
          ...counter,
          type: 'broken',
          validate: () => {
            throw new Error('a bug');
          },
        },
      ],
      'test-validate',
    );
    const config = (count: unknown) => ({
      data_dir: '/data',
      sources: { a: { type: 'checked', count }, b: { type: 'broken', count: 1 } },
      sinks: { out: { type: 'test_recording', inputs: ['a', 'b'] } },
    });
    expect(await problems(config(3), registry)).toEqual([
      'sources.a.count: is odd',
      'sources.a: is wrong as a whole',
      'sources.b: validate() of broken failed: a bug',
    ]);
    expect(seen).toEqual([expect.objectContaining({ count: 3 }), '/data']);
    // Options the schema refused are not handed to validate.
    seen.length = 0;
    await problems(config('x'), registry);
    expect(seen).toEqual([]);
  });

  it('accepts a valid overflow chain', async () => {
    const plan = await planTopology(
      sinkWith(
        [
          { type: 'memory', max_events: 10, when_full: 'overflow' },
          { type: 'disk', max_size: 1000 },
        ],
        { data_dir: '/tmp' },
      ),
      { registry: withDisk() },
    );
    expect(plan.sinks.get('out')?.buffer.map((stage) => stage.whenFull)).toEqual(['overflow', 'block']);
  });

  it('reports every problem at once with the file from locate', async () => {
    try {
      await planTopology(
        {
          sources: { numbers: { type: 'test_counter', count: 'x' } },
          sinks: { out: { type: 'test_recording', inputs: ['nope'], extra: 1 } },
        },
        {
          registry: testRegistry(),
          locate: (path) => (path.startsWith('sinks') ? 'sinks.yaml' : 'sources.toml'),
        },
      );
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).message.split('\n')).toEqual([
        'sources.toml: sources.numbers.count: must be integer (got "x")',
        'sinks.yaml: sinks.out.extra: unknown field "extra"',
        'sinks.yaml: sinks.out.inputs: unknown input "nope"',
      ]);
    }
  });

  it('component ids follow Vector\'s rule (no "."), reported with every other problem', async () => {
    expect(
      await problems({
        sources: { 'in.put': { type: 'test_counter', count: 1 } },
        transforms: { '../../escaped': { type: 'test_tag', inputs: ['in.put'] } },
        sinks: {
          'x/../k1': { type: 'test_recording', inputs: ['in.put'] },
          'a.b': { type: 'nope', inputs: [] },
        },
      }),
    ).toEqual(
      expect.arrayContaining([
        'sources.in.put: component id "in.put" must not contain "." (as in Vector: a dot names an output)',
        'transforms.../../escaped: component id "../../escaped" must not contain "." (as in Vector: a dot names an output)',
        'sinks.x/../k1: component id "x/../k1" must not contain "." (as in Vector: a dot names an output)',
        'sinks.a.b: component id "a.b" must not contain "." (as in Vector: a dot names an output)',
      ]),
    );
  });

  it('no two sinks can share a disk buffer directory: ids with a disk buffer are one plain path segment, distinct in any case', async () => {
    const disk = { type: 'disk', max_size: 1 };
    const config = (ids: string[]) => ({
      data_dir: '/var/lib/sluice',
      sources: source,
      sinks: Object.fromEntries(
        ids.map((id) => [id, { type: 'test_recording', inputs: ['numbers'], buffer: disk }]),
      ),
    });
    for (const id of ['x/k1', 'x\\k1', '', 'k1/', 'ström', 'a b', 'nul\u0000']) {
      expect(await problems(config(['k1', id]), withDisk())).toContain(
        `sinks.${id}.buffer.type: sink "${id}", buffer stage 0: a disk buffer lives in <data_dir>/buffer/<sink id>, so the id of its sink may hold only letters, digits, "_" and "-"`,
      );
    }
    expect(await problems(config(['k1', 'K1']), withDisk())).toContain(
      'sinks.K1.buffer.type: sink "K1", buffer stage 0: its disk buffer directory would be the same as that of sink "k1" on a case-insensitive file system; rename one',
    );
    expect(await problems(config(['k1', 'K-2', 'k_3']), withDisk())).toEqual([]);
    // Without a disk buffer, Vector's rule alone applies.
    expect(
      await problems({
        sources: source,
        sinks: { 'a b/c': { type: 'test_recording', inputs: ['numbers'] } },
      }),
    ).toEqual([]);
  });

  it('reports envelope problems together with every component and graph problem, in one run', async () => {
    expect(
      await problems({
        data_dri: '/var/lib/sluice',
        sources: { numbers: { type: 'test_counter', count: 'x' } },
        transforms: { tag: { type: 'test_tag', inputs: ['numbers'], tga: 'x' } },
        sinks: {
          out: { type: 'test_recording', inputs: 'numbers', flush_evry: 1 },
          other: {
            type: 'test_recording',
            inputs: ['numbrs'],
            buffer: { type: 'memory', max_events: 'ten' },
          },
        },
      }),
    ).toEqual([
      'data_dri: unknown global option "data_dri"; did you mean "data_dir"?',
      'sinks.out.inputs: must be array (got "numbers")',
      'sources.numbers.count: must be integer (got "x")',
      'transforms.tag.tga: unknown field "tga"; did you mean "tag"?',
      'sinks.out.flush_evry: unknown field "flush_evry"; did you mean "flush_every"?',
      'sinks.other.buffer.max_events: sink "other", buffer stage 0: must be integer (got "ten")',
      'sinks.other.inputs: unknown input "numbrs"; did you mean "numbers"?',
    ]);
  });

  it('suggests only close names, and names what Vector has but Sluice does not', async () => {
    const registry = testRegistry();
    registry.register(
      [
        {
          ...recordingSink,
          type: 'console',
          optionsSchema: {
            type: 'object',
            properties: { target: { type: 'string', description: 'target' } },
          },
        },
      ],
      'test-console',
    );
    expect(
      await problems(
        {
          api: { enabled: true },
          sources: { numbers: { type: 'test_counter', compression: 'gzip' } },
          transforms: { parse: { type: 'remap', inputs: ['numbers'], source: '.x = 1' } },
          sinks: {
            out: { type: 'console', inputs: ['parse'], framing: { method: 'bytes' } },
            typo: { type: 'test_recordin', inputs: ['numbers'] },
            nothing_like: { type: 'kinesis', inputs: ['numbers'] },
          },
          sinkz: {},
        },
        registry,
      ),
    ).toEqual([
      'sinkz: unknown global option "sinkz"; did you mean "sinks"?',
      'sources.numbers.compression: unknown field "compression"',
      'transforms.parse.type: "remap" is a Vector transform that Sluice does not implement yet (known transform types: test_parity, test_tag)',
      'sinks.out.framing: "framing" is a Vector option of console that Sluice does not implement yet',
      'sinks.typo.type: unknown sink type "test_recordin"; did you mean "test_recording"? (known sink types: console, test_recording)',
      'sinks.nothing_like.type: unknown sink type "kinesis" (known sink types: console, test_recording)',
    ]);
  });

  it("accepts Vector's global options Sluice lacks with one warning naming each, and [[tests]] silently", async () => {
    const warnings: string[] = [];
    const plan = await planTopology(
      {
        api: { enabled: true, address: '127.0.0.1:8686' },
        schema: { log_namespace: false },
        log_schema: { host_key: 'hostname' },
        timezone: 'Europe/Paris',
        expire_metrics_secs: 300,
        proxy: { enabled: false },
        acknowledgements: { enabled: false },
        enrichment_tables: { codes: { type: 'file', file: { path: 'codes.csv' } } },
        secret: { vault: { type: 'exec', command: ['true'] } },
        tests: [{ name: 'a test', inputs: [], outputs: [] }],
        sources: source,
        sinks: { out: { type: 'test_recording', inputs: ['numbers'] } },
      },
      { registry: testRegistry(), warn: (message) => warnings.push(message) },
    );
    expect(plan.sinks.size).toBe(1);
    expect(warnings).toEqual([
      ...['api', 'log_schema', 'timezone', 'expire_metrics_secs', 'proxy'].map(
        (name) => `config: ${name} is a Vector global option that Sluice does not implement yet; ignored`,
      ),
      'config: enrichment_tables is a Vector global option that Sluice does not implement yet; ignored',
    ]);
  });

  it("checks [[tests]] as Vector's TestDefinition: unknown fields and wrong types are errors", async () => {
    expect(
      await problems({
        tests: [
          {
            name: 't',
            inputs: [{ insert_at: 'tag', type: 'log', log_field: {} }],
            outputs: [{ extract_form: 'tag' }, { extract_from: 'tag', expected_event_count: -1 }],
          },
        ],
        sources: source,
        sinks: { out: { type: 'test_recording', inputs: ['numbers'] } },
      }),
    ).toEqual([
      'tests.0.inputs.0.log_field: unknown field "log_field"; did you mean "log_fields"?',
      'tests.0.outputs.0.extract_from: is required',
      'tests.0.outputs.0.extract_form: unknown field "extract_form"; did you mean "extract_from"?',
      'tests.0.outputs.1.expected_event_count: must be >= 0 (got -1)',
    ]);
  });

  it('for unit tests, a config needs no source or sink and a transform may have empty inputs', async () => {
    const config = { transforms: { tag: { type: 'test_tag', inputs: [] } } };
    expect(await problems(config)).toEqual([
      'sources: no source is configured; a pipeline needs at least one',
      'sinks: no sink is configured; a pipeline needs at least one',
      'transforms.tag.inputs: "tag" has no inputs; list the components that feed it',
    ]);
    const plan = await planTopology(config, { registry: testRegistry(), forUnitTests: true });
    expect([...plan.transforms.values()].map((transform) => [transform.id, transform.inputs])).toEqual([
      ['tag', []],
    ]);
    // An input that names nothing is left out, as Vector's unit tests do (its own use `inputs: ["ignored"]`).
    const ignoring = await planTopology(
      { transforms: { tag: { type: 'test_tag', inputs: ['ignored'] } } },
      { registry: testRegistry(), forUnitTests: true },
    );
    expect(ignoring.transforms.get('tag')?.inputs).toEqual([]);
    // Everything else is still checked.
    const error = await planTopology(
      { transforms: { tag: { type: 'test_tag', inputs: ['tag'] } } },
      { registry: testRegistry(), forUnitTests: true },
    ).catch((caught: unknown) => caught);
    expect((error as ConfigError).problems.map((problem) => problem.message)).toEqual([
      '"tag" lists itself as an input',
    ]);
  });

  it('a buffer without type is a memory buffer; num_items is the deprecated name of max_events', async () => {
    const warnings: string[] = [];
    const plan = await planTopology(sinkWith({ num_items: 7, when_full: 'drop_newest' }), {
      registry: testRegistry(),
      warn: (message) => warnings.push(message),
    });
    expect(plan.sinks.get('out')?.buffer.map((stage) => [stage.type, stage.whenFull, stage.options])).toEqual(
      [['memory', 'drop_newest', { max_events: 7 }]],
    );
    expect(warnings).toEqual([
      'config: sinks.out.buffer.num_items is deprecated; use sinks.out.buffer.max_events',
    ]);
    expect(await problems(sinkWith({ num_items: 7, max_events: 8 }))).toEqual([
      'sinks.out.buffer.num_items: cannot be set together with its new name "max_events"; keep only "max_events"',
    ]);
  });

  it("accepts Vector's healthcheck.uri, graph and proxy on components, warning that each is ignored", async () => {
    const warnings: string[] = [];
    await planTopology(
      {
        sources: { numbers: { type: 'test_counter', graph: { node_attributes: { color: 'red' } } } },
        sinks: {
          out: {
            type: 'test_recording',
            inputs: ['numbers'],
            healthcheck: { enabled: true, uri: 'http://127.0.0.1:1/health', timeout: 5 },
            proxy: { enabled: true, https: 'http://127.0.0.1:3128' },
          },
        },
      },
      { registry: testRegistry(), warn: (message) => warnings.push(message) },
    );
    expect(warnings).toEqual([
      "config: sources.numbers.graph is ignored: Sluice's graph command draws no attributes",
      'config: sinks.out.proxy is ignored: Sluice does not implement proxies yet; connections go direct',
      "config: sinks.out.healthcheck.uri is ignored: each sink's healthcheck has its own target and deadline",
      "config: sinks.out.healthcheck.timeout is ignored: each sink's healthcheck has its own target and deadline",
    ]);
  });

  it('a typo of a Vector global is suggested, as the ones Sluice has', async () => {
    expect(
      await problems({
        tmezone: 'UTC',
        dta_dir: '/x',
        sources: source,
        sinks: { out: { type: 'test_recording', inputs: ['numbers'] } },
      }),
    ).toEqual([
      'tmezone: unknown global option "tmezone"; did you mean "timezone"?',
      'dta_dir: unknown global option "dta_dir"; did you mean "data_dir"?',
    ]);
  });
});

describe('data types', () => {
  const metricsSource = { ...counterSource, type: 'test_metrics', outputType: 'metric' as const };
  const metricsSink = { ...recordingSink, type: 'test_metric_sink', inputTypes: ['metric' as const] };
  const registry = () => {
    const created = testRegistry();
    created.register([metricsSource, metricsSink], 'test-metrics');
    return created;
  };

  it('a metric source into a logs-only sink (through a transform) is a config error naming both', async () => {
    expect(
      await problems(
        {
          sources: { metrics: { type: 'test_metrics' } },
          transforms: { tag: { type: 'test_tag', inputs: ['metrics'] } },
          sinks: { logs: { type: 'test_recording', inputs: ['tag'] } },
        },
        registry(),
      ),
    ).toEqual([
      'sinks.logs.inputs: data type mismatch: "metrics" (test_metrics) sends metric events, and "logs" (test_recording) accepts log events only',
    ]);
  });

  it('each sink gets the types it accepts', async () => {
    expect(
      await problems(
        {
          sources: { metrics: { type: 'test_metrics' }, ...source },
          sinks: {
            exporter: { type: 'test_metric_sink', inputs: ['metrics'] },
            logs: { type: 'test_recording', inputs: ['numbers'] },
          },
        },
        registry(),
      ),
    ).toEqual([]);
    expect(
      await problems(
        { ...{ sources: source }, sinks: { exporter: { type: 'test_metric_sink', inputs: ['numbers'] } } },
        registry(),
      ),
    ).toEqual([
      'sinks.exporter.inputs: data type mismatch: "numbers" (test_counter) sends log events, and "exporter" (test_metric_sink) accepts metric events only',
    ]);
  });
});

describe('named outputs of transforms (Vector ports: `route.errors`)', () => {
  const split = { type: 'test_parity', inputs: ['numbers'] };

  it('inputs read `<id>.<name>`; wildcards match named outputs; the plan lists each transform outputs', async () => {
    const plan = await planTopology(
      {
        sources: source,
        transforms: { split },
        sinks: {
          evens: { type: 'test_recording', inputs: ['split.even'] },
          every: { type: 'test_recording', inputs: ['split.*'] },
        },
      },
      { registry: testRegistry() },
    );
    expect(plan.sinks.get('evens')?.inputs).toEqual(['split.even']);
    expect(plan.sinks.get('every')?.inputs).toEqual(['split.even', 'split.odd']);
    expect(plan.transforms.get('split')?.outputs).toEqual({ default: false, named: ['even', 'odd'] });
  });

  it('a transform without a default output, or an output it lacks, is refused naming its outputs', async () => {
    expect(
      await problems({
        sources: source,
        transforms: { split },
        sinks: {
          whole: { type: 'test_recording', inputs: ['split'] },
          typo: { type: 'test_recording', inputs: ['split.evn'] },
        },
      }),
    ).toEqual([
      'sinks.whole.inputs: "split" has no default output; read one of its outputs: split.even, split.odd',
      'sinks.typo.inputs: unknown input "split.evn"; the outputs of "split" are: split.even, split.odd',
    ]);
  });

  it('cycles through named outputs are found', async () => {
    expect(
      await problems({
        sources: source,
        transforms: {
          split: { type: 'test_parity', inputs: ['numbers', 'tag'] },
          tag: { type: 'test_tag', inputs: ['split.odd'] },
        },
        sinks: { out: { type: 'test_recording', inputs: ['split.even'] } },
      }),
    ).toEqual(['transforms.split.inputs: cycle: split → tag → split']);
  });

  it('warns, as Vector, of each output nobody reads', async () => {
    const warnings: string[] = [];
    await planTopology(
      {
        sources: { ...source, idle: { type: 'test_counter' } },
        transforms: { split },
        sinks: { out: { type: 'test_recording', inputs: ['split.even'] } },
      },
      { registry: testRegistry(), warn: (message) => warnings.push(message) },
    );
    expect(warnings).toEqual(['Source "idle" has no consumers', 'Transform "split.odd" has no consumers']);
  });

  it('a named output carries the data types its transform gets', async () => {
    const metricsSource = { ...counterSource, type: 'test_metrics', outputType: 'metric' as const };
    const registry = testRegistry();
    registry.register([metricsSource], 'test-metrics');
    expect(
      await problems(
        {
          sources: { metrics: { type: 'test_metrics' } },
          transforms: { split: { type: 'test_parity', inputs: ['metrics'] } },
          sinks: { logs: { type: 'test_recording', inputs: ['split.even', 'split.odd'] } },
        },
        registry,
      ),
    ).toEqual([
      'sinks.logs.inputs: data type mismatch: "metrics" (test_metrics) sends metric events, and "logs" (test_recording) accepts log events only',
      'sinks.logs.inputs: data type mismatch: "metrics" (test_metrics) sends metric events, and "logs" (test_recording) accepts log events only',
    ]);
  });
});
