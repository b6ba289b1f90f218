import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, releaseVersion } from './paths.js';
import { command, emptyDirectory, jsonLines } from './test-helpers/commands.js';
import { listedTypes, npmInstall, packPlugin, sluiceTarballs } from './test-helpers/tarballs.js';
import { workspacePackages } from './workspace.js';

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

describe('the release of the pending changesets', () => {
  it('ships each package with its CHANGELOG.md, at the version changeset version gives it', async () => {
    const tarballs = await sluiceTarballs();
    expect(tarballs.size).toBeGreaterThan(10);
    for (const [name, tarball] of tarballs) {
      const manifest = JSON.parse((await command('tar', ['-xzOf', tarball, 'package/package.json'])).stdout);
      const changelog = await command('tar', ['-xzOf', tarball, 'package/CHANGELOG.md']);
      expect(changelog.code, `${name} has no CHANGELOG.md`).toBe(0);
      expect(changelog.stdout).toContain(`# ${name}\n\n## ${manifest.version}\n`);
    }
    expect(
      JSON.parse(
        (await command('tar', ['-xzOf', tarballs.get('@sluice/cli') as string, 'package/package.json']))
          .stdout,
      ).version,
    ).toBe(releaseVersion());
  });

  it('leaves the repository as it was: no version bumped, no changeset consumed, no CHANGELOG written', async () => {
    const git = async (...args: string[]) => (await command('git', args, { cwd: ROOT })).stdout;
    for (const entry of await workspacePackages(ROOT)) {
      const path = relative(ROOT, join(entry.directory, 'package.json'));
      const committed = JSON.parse(await git('show', `HEAD:${path}`)) as { version: string };
      expect(entry.manifest.version, path).toBe(committed.version);
    }
    const changesets = (await git('ls-tree', '--name-only', 'HEAD', '.changeset/'))
      .split('\n')
      .filter(Boolean);
    expect(changesets.length).toBeGreaterThan(1);
    for (const path of changesets) expect(existsSync(join(ROOT, path)), path).toBe(true);
    expect(await git('status', '--porcelain', '--untracked-files=all', '--', '*CHANGELOG.md')).toBe('');
  });
});

describe('only what a pipeline needs: @sluice/cli and @sluice/sink-http', () => {
  let project: string;
  const sluice = (args: string[]) =>
    command(join(project, 'node_modules', '.bin', 'sluice'), args, { cwd: project });

  beforeAll(async () => {
    project = await emptyDirectory('sluice-npm-http-');
    scratch.push(project);
    await npmInstall(project, ['@sluice/cli', '@sluice/sink-http']);
  });

  it('installs no AWS SDK', async () => {
    const packages = await command('npm', ['ls', '--all', '--parseable'], { cwd: project });
    expect(packages.code, packages.stderr).toBe(0);
    const installed = packages.stdout.split('\n').filter((line) => line.includes('node_modules'));
    expect(installed.length).toBeGreaterThan(10);
    expect(installed.filter((path) => /node_modules\/@(aws-sdk|smithy)\//.test(path))).toEqual([]);
    expect(existsSync(join(project, 'node_modules', '@sluice', 'sink-kinesis'))).toBe(false);
  });

  it('runs demo_logs → http into a local server', async () => {
    const received: unknown[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        received.push(...(JSON.parse(body) as unknown[]));
        response.writeHead(200).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      await writeFile(
        join(project, 'http.toml'),
        [
          '[sources.in]',
          'type = "demo_logs"',
          'format = "json"',
          'count = 7',
          'interval = 0',
          '[sinks.out]',
          'type = "http"',
          'inputs = ["in"]',
          `uri = "http://127.0.0.1:${port}/ingest"`,
          'encoding.codec = "json"',
          '',
        ].join('\n'),
      );
      const result = await sluice(['--config', 'http.toml']);
      expect(result.code, result.stderr).toBe(0);
      expect(received).toHaveLength(7);
      expect(received[0]).toMatchObject({ source_type: 'demo_logs' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('says in one line which package to install for a type it does not have (exit 78)', async () => {
    await writeFile(join(project, 'seed.toml'), await readFile(join(ROOT, 'examples', 'seed.toml'), 'utf8'));
    const result = await sluice(['validate', '--no-environment', '--config', 'seed.toml']);
    expect(result.code).toBe(78);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringContaining(
        'sources.my-source-id.type: source type "socket" is in the package @sluice/source-tcp, which is not installed: install it beside @sluice/cli (npm install @sluice/source-tcp',
      ),
      expect.stringContaining(
        'sinks.my_sink_id.type: sink type "aws_kinesis_streams" is in the package @sluice/sink-kinesis, which is not installed',
      ),
    ]);
  });

  it('lists only the types it has', async () => {
    const listed = listedTypes((await sluice(['list'])).stdout);
    expect(listed.has('http')).toBe(true);
    expect(listed.has('console')).toBe(true);
    expect(listed.has('aws_kinesis_streams')).toBe(false);
    expect(listed.has('disk')).toBe(false);
  });
});

describe('everything: the sluice package, @sluice/demo and a plugin', () => {
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
    await npmInstall(project, ['sluice', '@sluice/demo'], { [plugin.name]: plugin.tarball });
  });

  it('sluice --version', async () => {
    expect(await sluice(['--version'])).toMatchObject({ code: 0, stdout: `${releaseVersion()}\n` });
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
