import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliVersion, ROOT } from './paths.js';
import { command, emptyDirectory, jsonLines } from './test-helpers/commands.js';
import { listedTypes, npmInstall, packPlugin } from './test-helpers/tarballs.js';

/** The npm tarballs, installed with plain npm into empty folders outside the workspace. */

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

const scratch: string[] = [];
afterAll(async () => {
  for (const directory of scratch) await rm(directory, { recursive: true, force: true });
});

describe('the npm tarballs, every package and a plugin', () => {
  let project: string;
  let pluginName: string;
  const sluice = (args: string[]) =>
    command(join(project, 'node_modules', '.bin', 'sluice'), args, { cwd: project });

  beforeAll(async () => {
    project = await emptyDirectory('sluice-npm-install-');
    scratch.push(project);
    expect(project.startsWith(ROOT)).toBe(false);
    const plugin = await packPlugin(project);
    pluginName = plugin.name;
    await npmInstall(
      project,
      [
        '@sluice/cli',
        '@sluice/demo',
        '@sluice/sink-kinesis',
        '@sluice/sink-http',
        '@sluice/source-tcp',
        '@sluice/buffer-disk',
      ],
      { [plugin.name]: plugin.tarball },
    );
  });

  it('sluice --version', async () => {
    expect(await sluice(['--version'])).toMatchObject({ code: 0, stdout: `${cliVersion()}\n` });
  });

  it('sluice validate on the examples', async () => {
    const full = await sluice(['validate', '--config', join(ROOT, 'examples', 'demo-logs-console.toml')]);
    expect(full.code, full.stderr).toBe(0);
    // The Kinesis example needs AWS for its healthcheck: check the config alone.
    const configOnly = await sluice([
      'validate',
      '--no-environment',
      '--config',
      join(ROOT, 'examples', 'seed.toml'),
    ]);
    expect(configOnly.code, configOnly.stderr).toBe(0);
  });

  it('a third-party plugin installed from its own tarball adds its component types', async () => {
    const without = await sluice(['list']);
    const withPlugin = await sluice(['list', '--plugin', pluginName]);
    expect(withPlugin.code, withPlugin.stderr).toBe(0);
    const added = [...listedTypes(withPlugin.stdout)].filter(
      (type) => !listedTypes(without.stdout).has(type),
    );
    expect(added.sort()).toEqual(['acme_webhook', 'counter']);
  });

  it('sluice demo runs with @sluice/demo installed next to the CLI', async () => {
    const result = await sluice(['demo', '--once', '--lines', '3', '--port', '0']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('records read back from Kinesis: 3');
  });

  it('sluice demo without @sluice/demo says how to get it', async () => {
    const installed = join(project, 'node_modules', '@sluice', 'demo');
    const aside = join(project, 'demo-aside');
    await rename(installed, aside);
    try {
      const result = await sluice(['demo', '--once']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('npm install --global @sluice/cli @sluice/demo');
    } finally {
      await rename(aside, installed);
    }
  });

  it('runs a pipeline of 3 events', async () => {
    await writeFile(join(project, 'sluice.toml'), THREE_EVENTS);
    const result = await sluice(['--config', 'sluice.toml']);
    expect(result.code, result.stderr).toBe(0);
    expect(jsonLines(result.stdout)).toHaveLength(3);
  });
});
