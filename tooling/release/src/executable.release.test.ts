import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executablePath, releaseVersion } from './paths.js';
import { command, emptyDirectory, installOnPath, jsonLines } from './test-helpers/commands.js';
import { listedTypes, npmInstall, packPlugin } from './test-helpers/tarballs.js';

/**
 * The single executable installed as the README says (`install -m 755 … <dir on PATH>/sluice`) and
 * called by name, from a working directory of its own, with nothing else in the environment.
 */

const THREE_EVENTS = [
  '[sources.in]',
  'type = "demo_logs"',
  'format = "json"',
  'count = 3',
  'interval = 0',
  '[sinks.out]',
  'type = "console"',
  'inputs = ["in"]',
  'encoding = { codec = "json" }',
  '',
].join('\n');

const COUNTER = [
  'plugins = ["@acme/sluice-sink-counter"]',
  '[sources.in]',
  'type = "demo_logs"',
  'format = "json"',
  'count = 4',
  'interval = 0',
  '[sinks.out]',
  'type = "counter"',
  'inputs = ["in"]',
  'field = "source_type"',
  '',
].join('\n');

let installed: { directory: string; path: string };
let cwd: string;
let plugin: { name: string; tarball: string };
const scratch: string[] = [];

const sluice = (args: string[], directory = cwd) =>
  command('sluice', args, { cwd: directory, env: { PATH: installed.path } });

beforeAll(async () => {
  expect(existsSync(executablePath()), 'run pnpm release:build first').toBe(true);
  installed = await installOnPath(executablePath());
  cwd = await emptyDirectory('sluice-cwd-');
  const packed = await emptyDirectory('sluice-plugin-tarball-');
  scratch.push(installed.directory, cwd, packed);
  plugin = await packPlugin(packed);
});
afterAll(async () => {
  for (const directory of scratch) await rm(directory, { recursive: true, force: true });
});

describe('the single executable, on PATH', () => {
  it('prints its version, called by name, with no Node.js and no other environment', async () => {
    expect(await sluice(['--version'])).toMatchObject({ code: 0, stdout: `${releaseVersion()}\n` });
  });

  it('runs a pipeline from a config in the working directory (-c, a relative path)', async () => {
    await writeFile(join(cwd, 'sluice.toml'), THREE_EVENTS);
    const result = await sluice(['-c', 'sluice.toml']);
    expect(result.code, result.stderr).toBe(0);
    const events = jsonLines(result.stdout);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ source_type: 'demo_logs' });
  });

  it('says how to get the demo, which it does not embed', async () => {
    const result = await sluice(['demo', '--once']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm install --global @sluice/cli @sluice/demo');
  });
});

describe('plugins of the single executable', () => {
  it('loads a plugin (an `import` condition only) from the plugins directory beside the config', async () => {
    const configDirectory = await emptyDirectory('sluice-config-');
    scratch.push(configDirectory);
    await mkdir(join(configDirectory, 'plugins'));
    await npmInstall(join(configDirectory, 'plugins'), [], { [plugin.name]: plugin.tarball });
    await writeFile(join(configDirectory, 'sluice.toml'), COUNTER);
    const result = await sluice(['--config', join(configDirectory, 'sluice.toml')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/counter totals \{"demo_logs":4\}/);
  });

  it("loads a plugin from the working directory's node_modules", async () => {
    const project = await emptyDirectory('sluice-project-');
    scratch.push(project);
    await npmInstall(project, [], { [plugin.name]: plugin.tarball });
    const without = await sluice(['list'], project);
    const withPlugin = await sluice(['list', '--plugin', plugin.name], project);
    expect(withPlugin.code, withPlugin.stderr).toBe(0);
    const added = [...listedTypes(withPlugin.stdout)].filter(
      (type) => !listedTypes(without.stdout).has(type),
    );
    expect(added.sort()).toEqual(['acme_webhook', 'counter']);
  });

  it('says in one line where it looked for a plugin that is not installed, exit 78', async () => {
    await writeFile(join(cwd, 'counter.toml'), COUNTER);
    const result = await sluice(['--config', 'counter.toml']);
    expect(result.code).toBe(78);
    expect(result.stderr.trim().split('\n')).toEqual([
      `error: plugin "@acme/sluice-sink-counter" could not be loaded: not installed (looked in ${join(cwd, 'plugins')}, /usr/lib/sluice/plugins, ${cwd} or beside sluice itself): install it in one of them, e.g. \`npm install --prefix /usr/lib/sluice/plugins @acme/sluice-sink-counter\``,
    ]);
  });
});
