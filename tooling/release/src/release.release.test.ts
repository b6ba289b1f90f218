import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliVersion, debPath, executablePath, NPM_DIRECTORY, ROOT } from './paths.js';

const run = promisify(execFile);
const version = cliVersion();
const PLUGIN_DIRECTORY = join(ROOT, 'examples', 'plugin-sink');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result to assert on, not a throw. */
async function command(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
) {
  try {
    const { stdout, stderr } = await run(file, args, {
      ...options,
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr } satisfies Result;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

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

function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as unknown);
}

async function emptyDirectory(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** The example plugin as a third party ships it: its own tarball. */
async function packPlugin(destination: string): Promise<{ name: string; tarball: string }> {
  const manifest = JSON.parse(await readFile(join(PLUGIN_DIRECTORY, 'package.json'), 'utf8')) as {
    name: string;
  };
  await run('pnpm', ['pack', '--pack-destination', destination], { cwd: PLUGIN_DIRECTORY });
  const tarball = (await readdir(destination)).find((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('pnpm pack wrote no tarball');
  return { name: manifest.name, tarball: join(destination, tarball) };
}

/**
 * A package.json that installs the given tarballs with plain npm, and pins every `@sluice/*`
 * dependency between them to its tarball: nothing of ours comes from the registry.
 */
async function installTarballs(directory: string, tarballs: string[]): Promise<void> {
  const dependencies: Record<string, string> = {};
  for (const tarball of tarballs) {
    const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    dependencies[(JSON.parse(stdout) as { name: string }).name] = `file:${tarball}`;
  }
  const overrides = Object.fromEntries(
    Object.entries(dependencies).filter(([name]) => name.startsWith('@sluice/')),
  );
  await writeFile(
    join(directory, 'package.json'),
    JSON.stringify({ name: 'sluice-install-test', private: true, dependencies, overrides }, null, 2),
  );
  const installed = await command('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: directory,
  });
  expect(installed.stderr).not.toMatch(/ERR!/);
  expect(installed.code).toBe(0);
}

async function sluiceTarballs(): Promise<string[]> {
  return (await readdir(NPM_DIRECTORY))
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(NPM_DIRECTORY, file));
}

/** Lines of `sluice list` that name a component type. */
function listedTypes(output: string): Set<string> {
  return new Set(
    output
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(/\s+/)[0] as string),
  );
}

/** One install of every tarball and the example plugin, outside the workspace, for all tests below. */
let project: string;
let pluginName: string;

beforeAll(async () => {
  project = await emptyDirectory('sluice-npm-install-');
  expect(project.startsWith(ROOT)).toBe(false);
  const plugin = await packPlugin(project);
  pluginName = plugin.name;
  await installTarballs(project, [plugin.tarball, ...(await sluiceTarballs())]);
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('the single executable', () => {
  const executable = executablePath();
  let directory: string;

  beforeAll(async () => {
    expect(existsSync(executable), `${executable}: run pnpm release:build first`).toBe(true);
    directory = await emptyDirectory('sluice-executable-');
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('prints its version with no Node on PATH and no environment at all', async () => {
    const result = await command('env', ['-i', executable, '--version'], { cwd: directory });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('runs demo_logs → console for 3 events from an empty directory', async () => {
    await writeFile(join(directory, 'sluice.toml'), THREE_EVENTS);
    const result = await command('env', ['-i', executable, '--config', 'sluice.toml'], { cwd: directory });
    expect(result.code).toBe(0);
    const events = jsonLines(result.stdout);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ source_type: 'demo_logs' });
  });

  it('says how to get the demo, which it does not embed', async () => {
    const result = await command('env', ['-i', executable, 'demo', '--once'], { cwd: directory });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm install --global @sluice/cli @sluice/demo');
  });

  it("loads a third-party plugin from the working directory's node_modules", async () => {
    const without = await command('env', ['-i', executable, 'list'], { cwd: project });
    const withPlugin = await command('env', ['-i', executable, 'list', '--plugin', pluginName], {
      cwd: project,
    });
    expect(withPlugin.code, withPlugin.stderr).toBe(0);
    const added = [...listedTypes(withPlugin.stdout)].filter(
      (type) => !listedTypes(without.stdout).has(type),
    );
    expect(added.length).toBeGreaterThan(0);
  });
});

describe('the npm tarballs, installed with plain npm outside the workspace', () => {
  const sluice = () => join(project, 'node_modules', '.bin', 'sluice');

  it('sluice --version', async () => {
    expect(await command(sluice(), ['--version'], { cwd: project })).toMatchObject({
      code: 0,
      stdout: `${version}\n`,
    });
  });

  it('sluice validate on the examples', async () => {
    const full = await command(
      sluice(),
      ['validate', '--config', join(ROOT, 'examples', 'demo-logs-console.toml')],
      {
        cwd: project,
      },
    );
    expect(full.code, full.stderr).toBe(0);
    // The Kinesis example needs AWS for its healthcheck: check the config alone.
    const configOnly = await command(
      sluice(),
      ['validate', '--no-environment', '--config', join(ROOT, 'examples', 'seed.toml')],
      { cwd: project },
    );
    expect(configOnly.code, configOnly.stderr).toBe(0);
  });

  it('a third-party plugin installed from its own tarball adds its component types', async () => {
    const without = await command(sluice(), ['list'], { cwd: project });
    const withPlugin = await command(sluice(), ['list', '--plugin', pluginName], { cwd: project });
    expect(withPlugin.code, withPlugin.stderr).toBe(0);
    const added = [...listedTypes(withPlugin.stdout)].filter(
      (type) => !listedTypes(without.stdout).has(type),
    );
    expect(added.length).toBeGreaterThan(0);
  });

  it('sluice demo runs with @sluice/demo installed next to the CLI', async () => {
    const result = await command(sluice(), ['demo', '--once', '--lines', '3', '--port', '0'], {
      cwd: project,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('records read back from Kinesis: 3');
  });

  it('sluice demo without @sluice/demo says how to get it', async () => {
    const installed = join(project, 'node_modules', '@sluice', 'demo');
    const aside = join(project, 'demo-aside');
    await rename(installed, aside);
    try {
      const result = await command(sluice(), ['demo', '--once'], { cwd: project });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('npm install --global @sluice/cli @sluice/demo');
    } finally {
      await rename(aside, installed);
    }
  });

  it('runs a pipeline of 3 events', async () => {
    await writeFile(join(project, 'sluice.toml'), THREE_EVENTS);
    const result = await command(sluice(), ['--config', 'sluice.toml'], { cwd: project });
    expect(result.code, result.stderr).toBe(0);
    expect(jsonLines(result.stdout)).toHaveLength(3);
  });
});

describe('the Debian package', () => {
  const deb = debPath();
  const existedBefore = { user: false, dataDirectory: false };

  beforeAll(async () => {
    expect(existsSync(deb), `${deb}: run pnpm release:build first`).toBe(true);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
    const installed = await command('dpkg-query', ['-W', '-f=${Status}', 'sluice']);
    expect(installed.stdout, 'a sluice package is already installed on this machine').not.toContain(
      'installed',
    );
    existedBefore.user = (await command('getent', ['passwd', 'sluice'])).code === 0;
    existedBefore.dataDirectory = existsSync('/var/lib/sluice');
  });
  afterAll(async () => {
    await command('dpkg', ['--purge', 'sluice']);
    if (!existedBefore.user) await command('userdel', ['sluice']);
    if (!existedBefore.dataDirectory) await rm('/var/lib/sluice', { recursive: true, force: true });
  });

  it('installs, validates its config, has a unit systemd accepts, and leaves the data directory on removal', async () => {
    const install = await command('dpkg', ['-i', deb]);
    expect(install.code, install.stderr).toBe(0);
    expect((await command('/usr/bin/sluice', ['--version'])).stdout).toBe(`${version}\n`);

    const validate = await command('/usr/bin/sluice', ['validate', '--config', '/etc/sluice/sluice.yaml']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(await readFile('/var/lib/dpkg/info/sluice.conffiles', 'utf8')).toBe('/etc/sluice/sluice.yaml\n');

    expect((await command('getent', ['passwd', 'sluice'])).stdout).toMatch(
      /^sluice:x:\d+:\d+:.*:\/var\/lib\/sluice:\/usr\/sbin\/nologin$/m,
    );
    const owner = (await command('stat', ['-c', '%U', '/var/lib/sluice'])).stdout.trim();
    expect(owner).toBe('sluice');

    const unit = '/lib/systemd/system/sluice.service';
    const verify = await command('systemd-analyze', ['verify', unit]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr).not.toContain('sluice.service');
    const text = await readFile(unit, 'utf8');
    expect(text).toContain('ExecStart=/usr/bin/sluice --config /etc/sluice/sluice.yaml');
    expect(text).toContain('ExecReload=/bin/kill -HUP $MAINPID');
    expect(text).toMatch(/^Restart=on-failure$/m);
    expect(text).toMatch(/^ReadWritePaths=\/var\/lib\/sluice$/m);

    await writeFile('/var/lib/sluice/kept', 'buffered data');
    const remove = await command('dpkg', ['-r', 'sluice']);
    expect(remove.code, remove.stderr).toBe(0);
    expect(existsSync('/usr/bin/sluice')).toBe(false);
    expect((await stat('/var/lib/sluice')).isDirectory()).toBe(true);
    expect(await readFile('/var/lib/sluice/kept', 'utf8')).toBe('buffered data');
    // A conffile stays until purge, so a local edit survives remove and reinstall.
    expect(existsSync('/etc/sluice/sluice.yaml')).toBe(true);
  });
});
