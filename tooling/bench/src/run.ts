/**
 * `pnpm bench`: runs every scenario (or `--only a,b`) in its own child process, prints a table of
 * ratios against the same-run baselines, and writes JSON plus an SVG chart to `bench/results/`.
 * `--node 22,26` runs each scenario on those Node lines (fetched as CI does, by
 * tooling/release/fetch-node.sh) one after the other and prints them side by side.
 * Benchmarks never fail on a timing: they report.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { type NodeRun, renderNodeTable, renderSvg, renderTable, type ScenarioResult } from './report.js';
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
    node: { type: 'string' },
    events: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(`usage: pnpm bench [options]
  --only a,b        these scenarios (${Object.keys(scenarioLoaders).join(', ')})
  --quick           short runs, same code paths
  --events N        events per pipeline run
  --size N          event size in bytes
  --node 22,26      each scenario on these Node lines (fetched as CI does), side by side
  --executable P    the single executable the executable scenario runs (default: release/)
`);
  process.exit(0);
}

/**
 * A Node binary for `--node`: a major line (`22`, fetched and cached by fetch-node.sh), `current`
 * (the Node running this), or a path to a binary.
 */
function nodeBinary(spec: string): string {
  if (spec === 'current') return process.execPath;
  if (!/^\d+$/.test(spec)) return spec;
  return execFileSync(join(repositoryRoot, 'tooling', 'release', 'fetch-node.sh'), [spec], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

const nodes = (values.node ?? 'current').split(',').map((spec) => {
  const binary = nodeBinary(spec.trim());
  return { binary, version: execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() };
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
const runs: (NodeRun & { failures: string[] })[] = nodes.map((node) => ({
  node: node.version,
  results: [],
  failures: [],
}));
// Scenario by scenario, each on every Node in turn: the Nodes compared met the same machine load.
for (const name of names) {
  for (const [index, node] of nodes.entries()) {
    const target = runs[index] as NodeRun & { results: ScenarioResult[]; failures: string[] };
    process.stderr.write(`running ${name} on node ${node.version}…\n`);
    try {
      const { stdout } = await run(
        node.binary,
        [
          '--expose-gc',
          join(here, 'run-scenario.js'),
          name,
          values.size ?? '',
          values.quick ? 'quick' : '',
          executable ?? '',
          values.events ?? '',
        ],
        { maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60 * 1000 },
      );
      const lastLine = stdout.trim().split('\n').at(-1) ?? '';
      target.results.push(JSON.parse(lastLine) as ScenarioResult);
    } catch (error) {
      target.failures.push(
        `${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }
}

const tables = runs.map((nodeRun) =>
  nodes.length === 1 ? renderTable(nodeRun.results) : `node ${nodeRun.node}\n${renderTable(nodeRun.results)}`,
);
if (nodes.length > 1) tables.push(`side by side\n${renderNodeTable(runs)}`);
const table = tables.join('\n\n');
process.stdout.write(`${table}\n`);
const failures = runs.flatMap((nodeRun) =>
  nodes.length === 1 ? nodeRun.failures : nodeRun.failures.map((failure) => `${nodeRun.node} ${failure}`),
);
for (const failure of failures) process.stderr.write(`failed: ${failure}\n`);
const results = runs[0]?.results ?? [];

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
  load: loadavg(),
  results,
  ...(nodes.length > 1 ? { nodes: runs } : {}),
  failures,
};
const stamp = document.date.replaceAll(':', '-').replace(/\..*/, '');
await writeFile(join(resultsDirectory, `${stamp}.json`), `${JSON.stringify(document, null, 2)}\n`);
await writeFile(join(resultsDirectory, 'latest.json'), `${JSON.stringify(document, null, 2)}\n`);
await writeFile(join(resultsDirectory, 'latest.svg'), `${renderSvg(results)}\n`);
await writeFile(join(resultsDirectory, 'latest.txt'), `${table}\n`);
process.stderr.write(
  `load average at the end: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(', ')}\n`,
);
process.stderr.write(`results written to bench/results/ (latest.json, latest.svg)\n`);
if (failures.length > 0) process.exitCode = 1;
