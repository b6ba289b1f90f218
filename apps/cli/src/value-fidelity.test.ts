import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Batch,
  type ConfigError,
  createLogEvent,
  Timestamp,
  type TransformDefinition,
} from '@sluice/component-api';
import { planTopology } from '@sluice/core-topology';
import { createEncoder } from '@sluice/encoding';
import { createTestContext } from '@sluice/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinRegistry } from './builtins.js';
import { loadConfig } from './config-files.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

async function plan(file: string, text: string) {
  const cwd = await mkdtemp(join(tmpdir(), 'sluice-values-'));
  directories.push(cwd);
  await writeFile(join(cwd, file), text);
  const warnings: string[] = [];
  const loaded = await loadConfig({ configs: [file], cwd, interpolate: false, environment: {} });
  const planned = await planTopology(loaded.config, {
    registry: builtinRegistry(),
    locate: loaded.locate,
    warn: (message) => warnings.push(message),
  });
  return { planned, warnings };
}

/** The JSON Vector writes for an event after the config's add_fields. */
async function added(file: string, text: string): Promise<string> {
  const { planned } = await plan(file, text);
  const transform = planned.transforms.get('add');
  if (transform === undefined) throw new Error('no transform');
  const definition = transform.definition as TransformDefinition<unknown>;
  const instance = await definition.create(transform.options, createTestContext());
  const at = new Timestamp(Date.UTC(2026, 10, 23, 10), 1_500);
  const [event] = (await instance.transform([createLogEvent({ message: 'm', timestamp: at })])) as Batch;
  return createEncoder('json').encodeToString(event as ReturnType<typeof createLogEvent>);
}

const graph = (fields: string) =>
  `[sources.in]\ntype = "demo_logs"\nformat = "json"\n[transforms.add]\ntype = "add_fields"\ninputs = ["in"]\n${fields}\n[sinks.out]\ntype = "blackhole"\ninputs = ["add"]\n`;
const expected =
  '{"big":9223372036854775807,"f":2.0,"half":0.5,"i":2,"list":[1.0,-9007199254740993],"message":"m","timestamp":"2026-11-23T10:00:00.000001500Z"}';

describe('config numbers reach events as Vector reads them', () => {
  it('TOML: 2.0 is the float 2.0, 2^63 − 1 is exact', async () => {
    expect(
      await added(
        'a.toml',
        graph(
          '[transforms.add.fields]\nf = 2.0\nhalf = 0.5\ni = 2\nbig = 9223372036854775807\nlist = [1.0, -9007199254740993]',
        ),
      ),
    ).toBe(expected);
  });

  it('YAML and JSON alike', async () => {
    const yaml = [
      'sources: { in: { type: demo_logs, format: json } }',
      'transforms:',
      '  add:',
      '    type: add_fields',
      '    inputs: [in]',
      '    fields: { f: 2.0, half: 0.5, i: 2, big: 9223372036854775807, list: [1.0, -9007199254740993] }',
      'sinks: { out: { type: blackhole, inputs: [add] } }',
    ].join('\n');
    expect(await added('a.yaml', yaml)).toBe(expected);
    const json = JSON.stringify({
      sources: { in: { type: 'demo_logs', format: 'json' } },
      transforms: { add: { type: 'add_fields', inputs: ['in'], fields: { f: 'F', half: 0.5, i: 2 } } },
      sinks: { out: { type: 'blackhole', inputs: ['add'] } },
    }).replace('"f":"F"', '"f":2.0,"big":9223372036854775807,"list":[1.0,-9007199254740993]');
    expect(await added('a.json', json)).toBe(expected);
  });

  it('options stay plain numbers: 1.0 passes an integer option, a big one warns, one beyond the maximum is an error', async () => {
    const base =
      '[sources.in]\ntype = "socket"\nmode = "tcp"\naddress = "127.0.0.1:0"\n[sinks.out]\ntype = "blackhole"\ninputs = ["in"]\n';
    const { planned, warnings } = await plan(
      'a.toml',
      `${base}rate = 9223372036854775807\nbuffer.max_events = 500.0\n`,
    );
    expect(planned.sinks.get('out')?.buffer[0]?.options).toMatchObject({ max_events: 500 });
    expect(warnings).toContain(
      'a.toml: sinks.out.rate = 9223372036854775807 is beyond 2^53 − 1, the largest integer an option holds exactly; it is read as 9223372036854775808',
    );
    const beyond = await plan(
      'c.toml',
      '[sources.in]\ntype = "socket"\nmode = "unix"\npath = "/tmp/s"\nsocket_file_mode = 9223372036854775807\n[sinks.out]\ntype = "blackhole"\ninputs = ["in"]\n',
    ).catch((error: unknown) => error);
    expect(
      String((beyond as ConfigError).problems.map((problem) => `${problem.path}: ${problem.message}`)),
    ).toMatch(/sources\.in\.socket_file_mode: .*(<=|at most|maximum)/);
  });
});
