import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, run, workspace } from './test-helpers/cli.js';

afterEach(cleanup);

/** Vector's own unit tests (credited in test-data/vector/README.md). */
const vectorTests = (name: string) =>
  fileURLToPath(new URL(`../test-data/vector/unit-tests/${name}`, import.meta.url));

/** stderr without the warning that the legacy add_fields is deprecated (the pipeline uses it). */
const withoutDeprecation = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => !line.includes('type = "add_fields" is deprecated'))
    .join('\n');

const pipeline = `
sources:
  in:
    type: stdin
transforms:
  parse:
    type: parse_json
    inputs: [in]
  label:
    type: add_fields
    inputs: [parse]
    fields:
      env: \${ENVIRONMENT}
sinks:
  out:
    type: console
    inputs: [label]
    encoding:
      codec: json
`;

const tests = `
tests:
  - name: labels parsed events
    inputs:
      - insert_at: parse
        value: '{"user": "ann"}'
    outputs:
      - extract_from: label
        conditions:
          - type: vrl
            source: |
              assert_eq!(.user, "ann")
              assert_eq!(.env, "production")
  - name: expects the wrong user
    inputs:
      - insert_at: parse
        value: '{"user": "bob"}'
    outputs:
      - extract_from: label
        conditions:
          - '.user == "ann"'
`;

describe('sluice test (built, as a child process)', () => {
  it("runs Vector's own unit tests of json_parser, remove_fields and add_fields, as vector test prints them", async () => {
    const passing = await run(['test', vectorTests('json_parser.toml'), vectorTests('remove_fields.toml')]);
    expect(passing.stdout).toBe(
      [
        'Running tests',
        ...['json_parser_nested', 'json_parser_target_field', 'json_parser_null_value'],
        ...['remove_fields_simple', 'remove_fields_nested', 'remove_fields_empty_objects'],
      ]
        .map((line, index) => (index === 0 ? line : `test ${line} ... passed`))
        .join('\n')
        .concat('\n'),
    );
    expect(passing.code).toBe(0);

    const simple = await run(['test', vectorTests('simple.toml')]);
    expect([simple.code, simple.stdout]).toEqual([
      0,
      'Running tests\ntest add_fields_nested_toml ... passed\n',
    ]);

    // add_fields renders `{{ field }}` templates as old Vector did: every test of its own passes.
    const addFields = await run(['test', vectorTests('add_fields.toml')]);
    expect(addFields.stdout).toBe(
      [
        'Running tests',
        'test add_fields_nested ... passed',
        'test add_fields_array ... passed',
        'test add_fields_scalar_then_nested ... passed',
        'test add_fields_nested_then_scalar ... passed',
        'test add_fields_scalar_then_scalar ... passed',
        'test add_fields_templated_1 ... passed',
        'test add_fields_templated_nested_1 ... passed\n',
      ].join('\n'),
    );
    expect(addFields.code).toBe(0);
  });

  it("runs Vector's own unit tests of remap, filter, route and vrl inputs (tests/behavior), as vector test prints them", async () => {
    const passing = await run(
      ['test', ...['filter.yaml', 'route.yaml', 'remap_with_drop.yaml', 'simple.yaml'].map(vectorTests)],
      { env: { NO_COLOR: '1' } },
    );
    expect([passing.code, passing.stdout]).toEqual([
      0,
      [
        'Running tests',
        ...['1a', '1b', '1c', '2a', '2b', '2c', '3a'].map((test) => `test filter test ${test} ... passed`),
        'test route test 1 ... passed',
        'test route test 2 ... passed',
        'test remap_dropped_branch ... passed',
        'test add_fields_nested_yaml ... passed',
        '',
      ].join('\n'),
    ]);

    // A program's value that is not an object becomes the event's message in Sluice, where Vector
    // keeps it as the event's root: this one test of Vector's fails, and says why.
    const inputs = await run(['test', vectorTests('vrl_test_input.yaml')], { env: { NO_COLOR: '1' } });
    expect(inputs.code).toBe(78);
    expect(inputs.stdout).toContain('test canary ... passed\ntest remap_test_metadata ... failed\n');
    expect(inputs.stdout).toContain(
      [
        '  condition[0]: source execution failed: ',
        'error[E000]: function call error for "assert_eq" at (0:27): assertion failed: { "message": "Event" } == "Event"',
        '  ┌─ :1:1',
        '  │',
        '1 │ assert_eq!(.event, "Event")',
        '  │ ^^^^^^^^^^^^^^^^^^^^^^^^^^^ assertion failed: { "message": "Event" } == "Event"',
      ].join('\n'),
    );
  });

  it('a pipeline and its tests in two files, env interpolated: prints each result and the failures, exits 78', async () => {
    const cwd = await workspace({ 'pipeline.yaml': pipeline, 'tests.yaml': tests });
    const { code, stdout, stderr } = await run(
      ['test', 'pipeline.yaml', 'tests.yaml', '--junit-report', 'report.xml'],
      {
        cwd,
        env: { ENVIRONMENT: 'production', NO_COLOR: '1' },
      },
    );
    expect(withoutDeprecation(stderr)).toBe('');
    expect(stdout).toMatch(
      new RegExp(
        `^${[
          'Running tests',
          'test labels parsed events \\.\\.\\. passed',
          'test expects the wrong user \\.\\.\\. failed',
          '',
          'failures:',
          '',
          'test expects the wrong user:',
          '',
          'check\\[0\\] for transforms \\["label"\\] failed conditions:',
          '',
          '  condition\\[0\\]: source execution resolved to false',
          '',
          'output payloads from \\["label"\\] \\(events encoded as JSON\\):',
          '  \\{"env":"production","timestamp":"[^"]+","user":"bob"\\}',
          '',
          '',
        ].join('\n')}$`,
      ),
    );
    expect(code).toBe(78);
    const report = await readFile(join(cwd, 'report.xml'), 'utf8');
    expect(report).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="Vector Unit Tests" tests="2" failures="1"/,
    );
    expect(report).toMatch(/<testcase name="labels parsed events" time="[\d.]+">\n {8}<\/testcase>/);
    expect(report).toMatch(
      /<testcase name="expects the wrong user" time="[\d.]+">\n {12}<failure>check\[0\] for transforms \[&#34;label&#34;\] failed conditions:\n/,
    );

    // The same tests with --config, and only the passing one: exit 0.
    const passingOnly = tests.slice(0, tests.indexOf('  - name: expects the wrong user'));
    const cwdPassing = await workspace({ 'pipeline.yaml': pipeline, 'tests.yaml': passingOnly });
    const passing = await run(['test', '--config', 'pipeline.yaml,tests.yaml'], {
      cwd: cwdPassing,
      env: { ENVIRONMENT: 'production' },
    });
    expect([passing.code, passing.stdout]).toEqual([
      0,
      'Running tests\ntest labels parsed events ... passed\n',
    ]);
  });

  it('no tests: says so and exits 0', async () => {
    const cwd = await workspace({ 'pipeline.yaml': pipeline });
    const { code, stdout } = await run(['test', 'pipeline.yaml'], {
      cwd,
      env: { ENVIRONMENT: 'x', NO_COLOR: '1' },
    });
    expect([code, stdout]).toEqual([0, 'Running tests\nNo tests found.\n']);
  });

  it('a test that cannot be built (a condition VRL refuses) stops them all, exit 78; a bad config too', async () => {
    const cwd = await workspace({
      'pipeline.yaml': pipeline,
      'tests.yaml': `${tests}      - extract_from: label\n        conditions: ['parse_json(.message).a == 1']\n`,
      'typo.yaml': `${pipeline}\ntests:\n  - name: typo\n    inputs: [{insert_at: parse, value: x}]\n    outputs: [{extract_form: label}]\n`,
    });
    const unsupported = await run(['test', 'pipeline.yaml', 'tests.yaml'], {
      cwd,
      env: { ENVIRONMENT: 'x' },
    });
    expect(unsupported.code).toBe(78);
    expect(unsupported.stdout).toBe('Running tests\n');
    expect(withoutDeprecation(unsupported.stderr)).toMatch(
      /^Failed to execute tests:\nFailed to build test 'expects the wrong user':\n {2}failed to create test condition '0': error\[E110\]: invalid argument type\n/,
    );

    const typo = await run(['test', 'typo.yaml'], { cwd, env: { ENVIRONMENT: 'x' } });
    expect(typo.code).toBe(78);
    expect(typo.stderr).toContain(
      'tests.0.outputs.0.extract_form: unknown field "extract_form"; did you mean "extract_from"?',
    );
  });

  it('validate and run accept [[tests]] silently; a test name in two files is an error', async () => {
    const cwd = await workspace({ 'pipeline.yaml': pipeline, 'tests.yaml': tests, 'again.yaml': tests });
    const validate = await run(['validate', '--no-environment', 'pipeline.yaml', 'tests.yaml'], {
      cwd,
      env: { ENVIRONMENT: 'x' },
    });
    expect([validate.code, withoutDeprecation(validate.stderr)]).toEqual([0, '']);
    const twice = await run(['test', 'pipeline.yaml', 'tests.yaml', 'again.yaml'], {
      cwd,
      env: { ENVIRONMENT: 'x' },
    });
    expect(twice.code).toBe(78);
    expect(twice.stderr).toContain('duplicate test name found: labels parsed events');
  });
});
