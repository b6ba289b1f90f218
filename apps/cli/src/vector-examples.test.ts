import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { builtinRegistry } from './builtins.js';
import { removeValidatedFiles, validateFiles } from './test-helpers/validate.js';

/*
 * Acceptance: every config of Vector's own `config/examples/` and of its reference's examples whose
 * components all exist in Sluice validates unchanged. The files are Vector's (credited in
 * test-data/vector/README.md); those naming a component Sluice lacks are listed with the
 * components, so a new component makes this test name the example it now has to validate.
 */

afterEach(removeValidatedFiles);

const DATA = fileURLToPath(new URL('../test-data/vector/', import.meta.url));
const EXAMPLES = join(DATA, 'config-examples');

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ya?ml|toml|json)$/.test(entry.name))
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

/** The component types a config (or a namespaced directory's files) names that Sluice lacks. */
async function missingTypes(files: Record<string, string>): Promise<string[]> {
  const registry = builtinRegistry();
  const missing = new Set<string>();
  const check = (kind: 'source' | 'transform' | 'sink', type: unknown) => {
    if (typeof type === 'string' && !registry.knownTypes(kind).includes(type)) missing.add(`${kind} ${type}`);
  };
  for (const [name, text] of Object.entries(files)) {
    const parsed = parseYaml(text) as Record<string, unknown>;
    const namespace = /^(sources|transforms|sinks)\//.exec(name)?.[1];
    if (namespace !== undefined) {
      check(namespace.slice(0, -1) as 'source' | 'transform' | 'sink', parsed.type);
      continue;
    }
    for (const section of ['sources', 'transforms', 'sinks'] as const)
      for (const component of Object.values((parsed[section] ?? {}) as Record<string, { type?: unknown }>))
        check(section.slice(0, -1) as 'source' | 'transform' | 'sink', component.type);
  }
  return [...missing].sort();
}

async function read(directory: string, names: readonly string[]): Promise<Record<string, string>> {
  return Object.fromEntries(
    await Promise.all(
      names.map(async (name) => [name, await readFile(join(directory, name), 'utf8')] as const),
    ),
  );
}

describe("Vector's config/examples", () => {
  it('each example whose components all exist in Sluice validates; the others name what Sluice lacks', async () => {
    const names = (await filesUnder(EXAMPLES)).filter((name) => !name.startsWith('namespacing/'));
    const outcome: Record<string, string | string[]> = {};
    for (const name of names) {
      const files = await read(EXAMPLES, [name]);
      const missing = await missingTypes(files);
      if (missing.length > 0) {
        outcome[name] = missing;
        continue;
      }
      const result = await validateFiles(files);
      outcome[name] = result.code === 0 ? 'validates' : result.problems.join('\n');
    }
    expect(outcome).toEqual({
      'stdio.yaml': 'validates',
      'http_sink_custom_retry.yaml': 'validates',
      'docs_example.yaml': ['sink aws_s3', 'transform sample'],
      'environment_variables.yaml': 'validates',
      'es_s3_hybrid.yaml': ['sink aws_s3'],
      'file_to_cloudwatch_metrics.yaml': ['sink aws_cloudwatch_metrics', 'transform log_to_metric'],
      'file_to_prometheus.yaml': ['transform log_to_metric'],
      'prometheus_to_console.yaml': ['source prometheus_scrape'],
      'varint_framing_protobuf.yaml': ['sink socket'],
      'wrapped_json.yaml': 'validates',
    });
  });

  it('namespacing/ (--config-dir): every component is loaded from its file; only the ones Sluice lacks are refused', async () => {
    const directory = join(EXAMPLES, 'namespacing');
    const files = await read(directory, await filesUnder(directory));
    expect(await missingTypes(files)).toEqual(['sink aws_s3', 'transform sample']);
    const result = await validateFiles(files, { configDirectories: ['.'] });
    expect(result.problems.map((problem) => problem.replace(/ \(known .*$/, ''))).toEqual([
      'transforms/apache_sample.yaml: transforms.apache_sample.type: "sample" is a Vector transform that Sluice does not implement yet',
      'sinks/s3_archives.yaml: sinks.s3_archives.type: "aws_s3" is a Vector sink that Sluice does not implement yet',
    ]);
  });
});

describe("Vector's reference examples of the components Sluice has", () => {
  it('the minimal example of each component, and the examples of each component page, validate', async () => {
    for (const name of ['minimal.yaml', 'reference-examples.yaml']) {
      const files = await read(DATA, [name]);
      expect(await missingTypes(files), name).toEqual([]);
      expect(await validateFiles(files), name).toMatchObject({ code: 0, problems: [] });
    }
  });
});
