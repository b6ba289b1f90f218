import { defineTransform, SPECIFICATION_VERSION, silentLogger } from '@sluice/component-api';
import { planTopology } from '@sluice/core-topology';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from './builtins.js';
import { buildUnitTests, type UnitTestDefinition } from './unit-test.js';

/** A transform that records that it was built: only the transforms a test needs are. */
const built: string[] = [];
const recordingTransform = defineTransform({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'transform',
  type: 'test_built',
  description: 'Records its creation.',
  optionsSchema: { type: 'object' },
  create(_options, context) {
    built.push(context.id);
    return { transform: (batch) => batch };
  },
});

const transforms = {
  parse: { type: 'parse_json', inputs: ['in'], drop_invalid: true },
  tag: { type: 'add_fields', inputs: ['parse'], fields: { tagged: true } },
  strip: { type: 'remove_fields', inputs: ['parse'], fields: ['secret'] },
  elsewhere: { type: 'test_built', inputs: [] },
};

/** Plans the config as `sluice test` does and runs every test; build errors or each test's failures. */
async function run(tests: UnitTestDefinition[], config: Record<string, unknown> = { transforms }) {
  const registry = builtinRegistry();
  registry.register([recordingTransform], 'test');
  const plan = await planTopology(
    { sources: { in: { type: 'stdin' } }, ...config },
    { registry, forUnitTests: true },
  );
  built.length = 0;
  const { tests: runnable, errors } = buildUnitTests(tests, plan, silentLogger);
  if (errors.length > 0) return { errors };
  const results: Record<string, string[]> = {};
  for (const test of runnable) results[test.name] = await test.run();
  return results;
}

const json = (value: unknown) => ({ insert_at: 'parse', type: 'raw', value: JSON.stringify(value) });

describe('sluice test: running a unit test', () => {
  it('feeds the inputs through the transforms on the path and checks the conditions; other transforms are not built', async () => {
    expect(
      await run([
        {
          name: 'chain',
          inputs: [json({ user: 'ann', secret: 's' })],
          outputs: [
            { extract_from: 'tag', conditions: ['.user == "ann" && .tagged == true && .secret == "s"'] },
            { extract_from: 'strip', conditions: ['!exists(.secret) && !exists(.tagged)'] },
            // Each consumer has its own copy: what parse emitted is unchanged by tag and strip.
            { extract_from: 'parse', conditions: ['.secret == "s" && !exists(.tagged)'] },
          ],
        },
      ]),
    ).toEqual({ chain: [] });
    expect(built).toEqual([]);
  });

  it('a condition holds when one of the events satisfies it; otherwise each event is listed, then the events', async () => {
    const results = await run([
      {
        name: 'two events',
        inputs: [json({ n: 1 }), json({ n: 2 })],
        outputs: [{ extract_from: 'parse', conditions: ['.n == 2', '.n == 3'], expected_event_count: 2 }],
      },
    ]);
    expect(results).toEqual({
      'two events': [
        'check[0] for transforms ["parse"] failed conditions:',
        '  condition[1]: source execution resolved to false',
        '  condition[1]: source execution resolved to false',
        expect.stringMatching(
          /^output payloads from \["parse"\] \(events encoded as JSON\):\n {2}\{"n":1,"timestamp":"[^"]+"\}\n {2}\{"n":2,"timestamp":"[^"]+"\}$/,
        ),
      ],
    });
  });

  it('expected_event_count, no_outputs_from, an output without conditions, log inputs with paths', async () => {
    const results = await run([
      {
        name: 'dropped',
        input: { insert_at: 'parse', type: 'raw', value: 'not json' },
        no_outputs_from: ['parse'],
      },
      {
        name: 'not dropped',
        inputs: [json({})],
        no_outputs_from: ['parse'],
      },
      {
        name: 'count',
        inputs: [json({}), json({})],
        outputs: [{ extract_from: 'tag', expected_event_count: 3 }],
      },
      { name: 'any event passes', inputs: [json({})], outputs: [{ extract_from: ['tag', 'strip'] }] },
      {
        name: 'log',
        inputs: [
          {
            insert_at: 'tag',
            type: 'log',
            log_fields: { 'a.b': 1, 'list[1]': 'x', 'labels."with-hyphen"': true, nested: { c: 2 } },
          },
        ],
        outputs: [
          {
            extract_from: 'tag',
            conditions: [
              'assert_eq!(.a.b, 1)\nassert_eq!(.list, [null, "x"])\nassert!(.labels."with-hyphen")\nassert_eq!(.nested.c, 2)\nassert_eq!(.message, "")\nassert!(is_timestamp(.timestamp))',
            ],
          },
        ],
      },
    ]);
    expect(results).toEqual({
      dropped: [],
      'not dropped': ['check for transforms ["parse"] failed: expected no outputs'],
      count: [
        'expected 3 events from transforms ["tag"], but received 2',
        expect.stringMatching(/^output payloads from \["tag"\]/),
      ],
      'any event passes': [],
      log: [],
    });
  });

  it('an output that nothing reaches has no events', async () => {
    const results = await run(
      [
        {
          name: 'parallel',
          inputs: [json({})],
          outputs: [{ extract_from: ['parse', 'side'] }, { extract_from: 'side' }],
        },
      ],
      { transforms: { ...transforms, side: { type: 'add_fields', inputs: [], fields: { a: 1 } } } },
    );
    expect(results).toEqual({
      parallel: [
        'checks for transforms ["side"] failed: no events received. Topology may be disconnected or transform is missing inputs.',
      ],
    });
  });

  it("refuses to build a test it cannot run, with Vector's messages, and then runs none", async () => {
    const { errors } = await run([
      { name: 'fine', inputs: [json({})], outputs: [{ extract_from: 'parse' }] },
      {
        name: 'targets',
        inputs: [json({})],
        outputs: [{ extract_from: 'nowhere' }],
        no_outputs_from: ['gone'],
      },
      {
        name: 'inputs',
        inputs: [
          { insert_at: 'nowhere', type: 'raw', value: '' },
          { insert_at: 'parse', type: 'vrl', source: '. = parse_json!("x")' },
          { insert_at: 'parse', type: 'metric', metric: { name: 'count' } as never },
          { insert_at: 'parse', type: 'log' },
          { insert_at: 'parse', type: 'trace' },
        ],
        outputs: [{ extract_from: 'parse' }],
      },
      { name: 'no input', outputs: [{ extract_from: 'parse' }] },
      { name: 'no output', inputs: [json({})] },
      {
        name: 'conditions',
        inputs: [json({})],
        outputs: [
          { extract_from: 'parse', conditions: ['.a == 1', '.a'] },
          { extract_from: 'tag', conditions: ['.a == 1'], expected_event_count: 0 },
        ],
      },
      { name: 'unreachable', inputs: [json({})], outputs: [{ extract_from: 'elsewhere' }] },
    ]);
    expect(errors).toEqual([
      "Failed to build test 'targets':\n  Invalid extract_from target in test 'targets': 'nowhere' does not exist\n  Invalid no_outputs_from target in test 'targets': 'gone' does not exist",
      [
        "Failed to build test 'inputs':",
        "inputs[0]: unable to locate target transform 'nowhere'",
        'function call error for "parse_json" at (4:20): unable to parse json: expected value at line 1 column 1',
        'invalid metric: missing field `kind`',
        "input type 'log' requires the field 'log_fields'",
        "unrecognized input type 'trace', expected one of: 'raw', 'log' or 'metric'",
      ].join('\n  '),
      "Failed to build test 'no input':\n  must specify at least one input.",
      "Failed to build test 'no output':\n  unit test must contain at least one of `outputs` or `no_outputs_from`.",
      [
        "Failed to build test 'conditions':",
        "failed to create test condition '1': VRL conditions must return a boolean.",
        'output for ["tag"] has expected_event_count of 0 but also defines conditions; conditions cannot be evaluated when no events are expected',
      ].join('\n  '),
      "Failed to build test 'unreachable':\n  Unable to complete topology between input target 'parse' and output target(s)",
    ]);
  });

  it('a transform that throws fails the test, naming it', async () => {
    const registry = builtinRegistry();
    registry.register(
      [
        defineTransform({
          ...recordingTransform,
          type: 'test_throw',
          create: () => ({
            transform: () => {
              throw new Error('boom');
            },
          }),
        }),
      ],
      'test',
    );
    const plan = await planTopology(
      { transforms: { bad: { type: 'test_throw', inputs: [] } } },
      {
        registry,
        forUnitTests: true,
      },
    );
    const { tests } = buildUnitTests(
      [{ name: 't', input: { insert_at: 'bad', value: 'x' }, outputs: [{ extract_from: 'bad' }] }],
      plan,
      silentLogger,
    );
    expect(await tests[0]?.run()).toEqual([
      'transform "bad" failed: boom',
      'checks for transforms ["bad"] failed: no events received. Topology may be disconnected or transform is missing inputs.',
    ]);
  });
});
