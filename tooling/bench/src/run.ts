/**
 * `pnpm bench`: runs every scenario (or `--only a,b`) in its own child process, prints a table of
 * ratios against the same-run baselines, and writes JSON plus an SVG chart to `bench/results/`.
 * Benchmarks never fail on a timing: they report.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { renderSvg, renderTable, type ScenarioResult } from './report.js';
import { scenarioLoaders } from './scenarios.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(here, '..', '..', '..');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    size: { type: 'string' },
    quick: { type: 'boolean', default: false },
    executable: { type: 'string' },
  },
});

/** The single executable `pnpm release:build` wrote, if any: the `executable` scenario runs through it. */
function releasedExecutable(): string | undefined {
  const { version } = JSON.parse(
    readFileSync(join(repositoryRoot, 'apps', 'cli', 'package.json'), 'utf8'),
  ) as {
    version: string;
  };
  const path = join(repositoryRoot, 'release', `sluice-${version}-linux-x64`);
  return existsSync(path) ? path : undefined;
}
const executable = values.executable ?? releasedExecutable();

const names = values.only === undefined ? Object.keys(scenarioLoaders) : values.only.split(',');
const results: ScenarioResult[] = [];
const failures: string[] = [];
for (const name of names) {
  process.stderr.write(`running ${name}…\n`);
  try {
    const { stdout } = await run(
      process.execPath,
      [
        '--expose-gc',
        join(here, 'run-scenario.js'),
        name,
        values.size ?? '',
        values.quick ? 'quick' : '',
        executable ?? '',
      ],
      { maxBuffer: 64 * 1024 * 1024, timeout: 10 * 60 * 1000 },
    );
    const lastLine = stdout.trim().split('\n').at(-1) ?? '';
    results.push(JSON.parse(lastLine) as ScenarioResult);
  } catch (error) {
    failures.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

const table = renderTable(results);
process.stdout.write(`${table}\n`);
for (const failure of failures) process.stderr.write(`failed: ${failure}\n`);

const resultsDirectory = join(repositoryRoot, 'bench', 'results');
await mkdir(resultsDirectory, { recursive: true });
const document = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  size: values.size === undefined ? undefined : Number(values.size),
  quick: values.quick,
  executable,
  results,
  failures,
};
const stamp = document.date.replaceAll(':', '-').replace(/\..*/, '');
await writeFile(join(resultsDirectory, `${stamp}.json`), `${JSON.stringify(document, null, 2)}\n`);
await writeFile(join(resultsDirectory, 'latest.json'), `${JSON.stringify(document, null, 2)}\n`);
await writeFile(join(resultsDirectory, 'latest.svg'), `${renderSvg(results)}\n`);
await writeFile(join(resultsDirectory, 'latest.txt'), `${table}\n`);
process.stderr.write(`results written to bench/results/ (latest.json, latest.svg)\n`);
if (failures.length > 0) process.exitCode = 1;
