import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, FloatValue } from '@sluice/component-api';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStructure, loadConfig, MAX_CONFIG_VALUES } from './config-files.js';

let directory = '';
afterEach(() => rm(directory, { recursive: true, force: true }));

async function files(contents: Record<string, string>): Promise<string> {
  directory = await mkdtemp(join(tmpdir(), 'sluice-config-'));
  for (const [name, text] of Object.entries(contents)) {
    await mkdir(join(directory, name, '..'), { recursive: true });
    await writeFile(join(directory, name), text);
  }
  return directory;
}

const load = (
  configs: string[],
  cwd: string,
  extra: { configDirectories?: string[]; environment?: NodeJS.ProcessEnv } = {},
) =>
  loadConfig({
    configs,
    cwd,
    interpolate: true,
    environment: extra.environment ?? {},
    configDirectories: extra.configDirectories ?? [],
  });

describe('loadConfig', () => {
  it('parses TOML, YAML and JSON by extension (unknown extensions as TOML) and merges them', async () => {
    const cwd = await files({
      'a.toml': '[sources.a]\ntype = "demo_logs"',
      'b.yml': 'sources:\n  b: { type: demo_logs }',
      'c.json': '{"sinks": {"c": {"type": "console", "inputs": ["a"]}}}',
      'd.conf': '[sinks.d]\ntype = "blackhole"\ninputs = ["b"]',
    });
    const loaded = await load(['a.toml,b.yml', 'c.json', 'd.conf'], cwd);
    expect(Object.keys(loaded.config.sources as object)).toEqual(['a', 'b']);
    expect(Object.keys(loaded.config.sinks as object)).toEqual(['c', 'd']);
    expect(loaded.locate('sinks.c.inputs')).toBe('c.json');
    expect(loaded.locate('sources.b.type')).toBe('b.yml');
  });

  it('expands globs and --config-dir', async () => {
    const cwd = await files({
      'conf/one.toml': '[sources.one]\ntype = "demo_logs"',
      'conf/two.yaml': 'sources:\n  two: { type: demo_logs }',
      'conf/readme.md': 'not a config',
      'more/three.json': '{"sources": {"three": {"type": "demo_logs"}}}',
    });
    const loaded = await load(['conf/*.{toml,yaml}'], cwd, { configDirectories: ['more'] });
    expect(Object.keys(loaded.config.sources as object).sort()).toEqual(['one', 'three', 'two']);
  });

  it('a namespaced --config-dir: its files and every directory read (what --watch-config watches)', async () => {
    const cwd = await files({
      'conf/vector.yaml': 'data_dir: /tmp',
      'conf/sources/in.yaml': 'type: demo_logs',
      'conf/transforms/parse/route.yaml': 'x: 1',
      'conf/transforms/parse.yaml': 'type: remap\ninputs: [in]',
      'conf/.hidden/ignored.yaml': 'not: read',
    });
    const loaded = await load([], cwd, { configDirectories: ['conf'] });
    expect(loaded.config).toMatchObject({
      data_dir: '/tmp',
      sources: { in: { type: 'demo_logs' } },
      transforms: { parse: { type: 'remap', inputs: ['in'], route: { x: 1 } } },
    });
    expect(loaded.directories.map((directory) => directory.slice(cwd.length + 1)).sort()).toEqual([
      'conf',
      'conf/sources',
      'conf/transforms',
      'conf/transforms/parse',
    ]);
    expect(loaded.locate('transforms.parse.type')).toBe(join('conf', 'transforms', 'parse.yaml'));
  });

  it('names both files for a duplicate id, and for a global set differently', async () => {
    const cwd = await files({
      'a.toml': 'data_dir = "/one"\n[sources.same]\ntype = "demo_logs"',
      'b.toml': 'data_dir = "/two"\n[sources.same]\ntype = "stdin"',
    });
    const error = (await load(['a.toml', 'b.toml'], cwd).catch((caught: unknown) => caught)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('b.toml: data_dir: is already set differently in a.toml');
    expect(error.message).toContain('b.toml: sources.same: component "same" is already defined in a.toml');
  });

  it('reports syntax errors with the file and the line', async () => {
    const cwd = await files({ 'bad.toml': 'a = 1\nb = = 2' });
    await expect(load(['bad.toml'], cwd)).rejects.toThrow(/bad\.toml: syntax error: line 2/);
  });

  it('interpolates environment variables in the raw text, with the file and line in errors', async () => {
    const cwd = await files({ 'a.toml': '[sources.in]\ntype = "${KIND}"\nname = "${MISSING}"' });
    await expect(load(['a.toml'], cwd, { environment: { KIND: 'demo_logs' } })).rejects.toThrow(
      /a\.toml: line 3: environment variable MISSING is not set/,
    );
    const loaded = await loadConfig({ configs: ['a.toml'], cwd, interpolate: false, environment: {} });
    expect((loaded.config.sources as Record<string, { type: string }>).in?.type).toBe('${KIND}');
  });

  it('asks for a config when none is given', async () => {
    const cwd = await files({});
    await expect(load([], cwd)).rejects.toThrow(/no config given/);
  });

  it('an integer beyond 2^53 is read exactly and a whole float stays a float: TOML, YAML and JSON alike', async () => {
    const cwd = await files({
      'a.toml': 'big = 9223372036854775807\nsmall = 42\nwhole = 2.0\n',
      'b.yaml': 'bigger: [9223372036854775807, 18446744073709551615]\nalso_small: 7\nhalf: 0.5\n',
      'c.json': '{"biggest": {"n": 9223372036854775807, "f": 1.0}}',
    });
    const warnings: string[] = [];
    const loaded = await loadConfig({
      configs: ['a.toml', 'b.yaml', 'c.json'],
      cwd,
      interpolate: false,
      environment: {},
      warn: (message) => warnings.push(message),
    });
    expect(loaded.config).toEqual({
      big: 9223372036854775807n,
      small: 42,
      whole: new FloatValue(2),
      // Beyond i64: a float, as Vector's config reads it.
      bigger: [9223372036854775807n, 2 ** 64],
      also_small: 7,
      half: 0.5,
      biggest: { n: 9223372036854775807n, f: new FloatValue(1) },
    });
    expect(loaded.config.whole).toBeInstanceOf(FloatValue);
    expect(warnings).toEqual([]);
  });

  it('a parsed file with more values than the cap is refused, one at the cap is not', () => {
    const table = Object.fromEntries(
      Array.from({ length: MAX_CONFIG_VALUES + 1 }, (_, index) => [`k${index}`, 1]),
    );
    expect(checkStructure({ sources: { in: table } })).toEqual({
      path: expect.stringMatching(/^sources\.in\.k\d+$/),
      message: `holds more than ${MAX_CONFIG_VALUES} values; a config file has far fewer`,
    });
    // The root, `sources` and `in` are values too.
    const atTheCap = Object.fromEntries(Object.entries(table).slice(0, MAX_CONFIG_VALUES - 3));
    expect(checkStructure({ sources: { in: atTheCap } })).toBeUndefined();
  });

  it('a file with more lines and list items than the cap is refused before it is parsed', async () => {
    const lines = Array.from({ length: 200_001 }, (_, index) => `k${index} = 1`).join('\n');
    const cwd = await files({ 'huge.toml': `[sources.in]\n${lines}\n` });
    await expect(load(['huge.toml'], cwd)).rejects.toThrow(
      /huge\.toml: has more than 200000 lines and list items/,
    );
  });
});
