import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readAllRecords, startKinesisLocal } from '@sluice/kinesis-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debPath, releaseVersion } from './paths.js';
import { keysNamed, recordingProxy } from './test-helpers/aws-fakes.js';
import { command, emptyDirectory } from './test-helpers/commands.js';
import { readServiceUnit, spawnAsService, startService } from './test-helpers/service.js';
import { npmInstall, packPlugin } from './test-helpers/tarballs.js';

/**
 * The .deb on this machine (as root; CI is a clean Debian): what it declares, its service run as
 * systemd would run it (no systemd runs here: as the sluice user, in /, with its environment file),
 * plugins, removal and purge.
 */

const deb = debPath();
const UNIT = '/lib/systemd/system/sluice.service';
const CONFIG = '/etc/sluice/sluice.yaml';
const DATA = '/var/lib/sluice';
const PLUGIN_DIRECTORY = '/usr/lib/sluice/plugins';
const existedBefore = { user: false, dataDirectory: false };

const exists = async (database: 'passwd' | 'group', name: string) =>
  (await command('getent', [database, name])).code === 0;

async function install(): Promise<void> {
  const result = await command('dpkg', ['-i', deb]);
  expect(result.code, result.stderr).toBe(0);
}

async function purge(): Promise<string> {
  const result = await command('dpkg', ['--purge', 'sluice']);
  expect(result.code, result.stderr).toBe(0);
  return result.stderr;
}

beforeAll(async () => {
  expect(existsSync(deb), `${deb}: run pnpm release:build first`).toBe(true);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax
  const installed = await command('dpkg-query', ['-W', '-f=${Status}', 'sluice']);
  expect(installed.stdout, 'a sluice package is already installed on this machine').not.toContain(
    'installed',
  );
  existedBefore.user = await exists('passwd', 'sluice');
  existedBefore.dataDirectory = existsSync(DATA);
});
afterAll(async () => {
  await command('dpkg', ['--purge', 'sluice']);
  await rm(PLUGIN_DIRECTORY, { recursive: true, force: true });
  if (!existedBefore.user && (await exists('passwd', 'sluice'))) await command('userdel', ['sluice']);
  if (!existedBefore.dataDirectory) await rm(DATA, { recursive: true, force: true });
});

describe('the Debian package', () => {
  it('installs, validates its config, has a unit systemd accepts, and leaves the data directory on removal', async () => {
    await install();
    expect((await command('/usr/bin/sluice', ['--version'])).stdout).toBe(`${releaseVersion()}\n`);
    expect(await readFile('/usr/share/doc/sluice/CHANGELOG.md', 'utf8')).toContain(
      `# @sluice/cli\n\n## ${releaseVersion()}\n`,
    );

    const validate = await command('/usr/bin/sluice', ['validate', '--config', CONFIG]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(await readFile('/var/lib/dpkg/info/sluice.conffiles', 'utf8')).toBe(`${CONFIG}\n`);

    expect((await command('getent', ['passwd', 'sluice'])).stdout).toMatch(
      /^sluice:x:\d+:\d+:.*:\/var\/lib\/sluice:\/usr\/sbin\/nologin$/m,
    );
    expect((await command('stat', ['-c', '%U', DATA])).stdout.trim()).toBe('sluice');

    const verify = await command('systemd-analyze', ['verify', UNIT]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr).not.toContain('sluice.service');
    const text = await readFile(UNIT, 'utf8');
    expect(text).toContain(`ExecStart=/usr/bin/sluice --config ${CONFIG}`);
    expect(text).toContain('ExecReload=/bin/kill -HUP $MAINPID');
    expect(text).toMatch(/^ReadWritePaths=\/var\/lib\/sluice$/m);

    await writeFile(`${DATA}/kept`, 'buffered data');
    const remove = await command('dpkg', ['-r', 'sluice']);
    expect(remove.code, remove.stderr).toBe(0);
    expect(existsSync('/usr/bin/sluice')).toBe(false);
    expect(await readFile(`${DATA}/kept`, 'utf8')).toBe('buffered data');
    // A conffile stays until purge, so a local edit survives remove and reinstall.
    expect(existsSync(CONFIG)).toBe(true);
    await rm(`${DATA}/kept`);
  });

  it('declares the package of every shared library ldd finds for the executable', async () => {
    await install();
    const depends = (await command('dpkg-deb', ['-f', deb, 'Depends'])).stdout;
    const declared = new Set(depends.split(/[,|]/).map((entry) => entry.trim().split(/\s/)[0]));
    const ldd = await command('ldd', ['/usr/bin/sluice']);
    expect(ldd.code, ldd.stderr).toBe(0);
    expect(ldd.stdout).not.toContain('not found');
    const libraries = [...ldd.stdout.matchAll(/=> (\/\S+)/g)].map((match) => match[1] as string);
    expect(libraries.length).toBeGreaterThan(3);
    for (const library of libraries) {
      const owner = await command('dpkg', ['-S', library.replace(/^\/lib\//, '/usr/lib/')]);
      const fallback = owner.code === 0 ? owner : await command('dpkg', ['-S', library]);
      const packageName = fallback.stdout.split(':')[0] as string;
      expect(declared, `${library} (${packageName})`).toContain(packageName);
    }
  });

  it('carries a stripped executable: no debug information, no static symbol table', async () => {
    const sections = (await command('readelf', ['-S', '--wide', '/usr/bin/sluice'])).stdout;
    expect(sections).toContain('.dynsym');
    expect(sections).not.toContain('.debug_info');
    expect(sections).not.toMatch(/\s\.symtab\s/);
  });

  it('its service exits 78 on a config error, which the unit does not restart', async () => {
    const unit = await readServiceUnit(UNIT);
    const text = await readFile(UNIT, 'utf8');
    expect(text).toMatch(/^Restart=on-failure$/m);
    expect(text).toMatch(/^RestartPreventExitStatus=78$/m);
    // RestartPreventExitStatus does not cover ExecStartPre= (systemd issue 11868).
    expect(unit.execStartPre).toEqual([]);
    const original = await readFile(CONFIG, 'utf8');
    await writeFile(CONFIG, 'sinks:\n  out: { type: console, inputs: [nowhere] }\n');
    try {
      const started = await startService(unit);
      expect(started.code).toBe(78);
      expect(started.stderr).toContain('nowhere');
    } finally {
      await writeFile(CONFIG, original);
    }
  });

  it('its service shows as sluice in ps and pgrep', async () => {
    const unit = await readServiceUnit(UNIT);
    const service = await spawnAsService(unit, unit.execStart);
    const exited = once(service, 'exit');
    try {
      let stderr = '';
      await new Promise<void>((resolve) => {
        service.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes('pipeline started')) resolve();
        });
      });
      const found = await command('pgrep', ['-x', 'sluice']);
      expect(found.stdout.trim().split('\n')).toContain(String(service.pid));
      const shown = await command('ps', ['-o', 'user=,comm=,args=', '-p', String(service.pid)]);
      expect(shown.stdout.trim()).toMatch(
        /^sluice\s+sluice\s+\/usr\/bin\/sluice --config \/etc\/sluice\/sluice\.yaml$/,
      );
    } finally {
      service.kill('SIGTERM');
    }
    const [code] = await exited;
    expect(code).toBe(0);
  });

  it('its service, as the sluice user in /, loads a plugin installed in /usr/lib/sluice/plugins', async () => {
    expect((await stat(PLUGIN_DIRECTORY)).isDirectory()).toBe(true);
    const packed = await emptyDirectory('sluice-plugin-tarball-');
    try {
      const plugin = await packPlugin(packed);
      await mkdir(PLUGIN_DIRECTORY, { recursive: true });
      await npmInstall(PLUGIN_DIRECTORY, [], { [plugin.name]: plugin.tarball });
    } finally {
      await rm(packed, { recursive: true, force: true });
    }
    const original = await readFile(CONFIG, 'utf8');
    await writeFile(
      CONFIG,
      [
        'plugins: ["@acme/sluice-sink-counter"]',
        'data_dir: /var/lib/sluice',
        'sources:',
        '  in: { type: demo_logs, format: json, count: 6, interval: 0 }',
        'sinks:',
        '  out: { type: counter, inputs: [in], field: source_type }',
        '',
      ].join('\n'),
    );
    try {
      const started = await startService(await readServiceUnit(UNIT));
      expect(started.code, started.stderr).toBe(0);
      expect(started.stderr).toMatch(/counter totals \{"demo_logs":6\}/);
    } finally {
      await writeFile(CONFIG, original);
      await rm(PLUGIN_DIRECTORY, { recursive: true, force: true });
    }
  });

  it('its service ships to Kinesis with the AWS keys of /etc/default/sluice', async () => {
    const kinesis = await startKinesisLocal({ streams: [{ name: 'service' }] });
    const proxy = await recordingProxy(kinesis.endpoint);
    const keys = keysNamed('etc-default');
    const original = await readFile(CONFIG, 'utf8');
    const environmentFile = '/etc/default/sluice';
    const previousEnvironment = existsSync(environmentFile) ? await readFile(environmentFile) : undefined;
    try {
      await writeFile(
        environmentFile,
        `AWS_ACCESS_KEY_ID=${keys.accessKeyId}\nAWS_SECRET_ACCESS_KEY="${keys.secretAccessKey}"\nAWS_SESSION_TOKEN=${keys.sessionToken}\n`,
      );
      await writeFile(
        CONFIG,
        [
          'sources:',
          '  in: { type: demo_logs, format: json, count: 4, interval: 0 }',
          'sinks:',
          '  out:',
          '    type: aws_kinesis_streams',
          '    inputs: [in]',
          '    region: us-east-1',
          `    endpoint: ${proxy.url}`,
          '    stream_name: service',
          '    encoding: { codec: json }',
          '',
        ].join('\n'),
      );
      const started = await startService(await readServiceUnit(UNIT));
      expect(started.code, started.stderr).toBe(0);
      expect(await readAllRecords({ endpoint: kinesis.endpoint, streamName: 'service' })).toHaveLength(4);
      expect(proxy.signedWith.length).toBeGreaterThan(0);
      expect(new Set(proxy.signedWith)).toEqual(new Set([keys.accessKeyId]));
    } finally {
      await writeFile(CONFIG, original);
      if (previousEnvironment === undefined) await rm(environmentFile, { force: true });
      else await writeFile(environmentFile, previousEnvironment);
      await proxy.close();
      await kinesis.stop();
    }
  });

  it('purge leaves no user, no group, no unit and no config; an empty data directory goes too', async () => {
    await purge();
    expect(await exists('passwd', 'sluice')).toBe(false);
    expect(await exists('group', 'sluice')).toBe(false);
    for (const path of [UNIT, CONFIG, '/etc/sluice', '/usr/bin/sluice', DATA])
      expect(existsSync(path), path).toBe(false);
  });

  it('purge keeps a data directory that holds data, owned by root; a new install takes it back', async () => {
    await install();
    await mkdir(`${DATA}/buffer/out`, { recursive: true });
    await writeFile(`${DATA}/buffer/out/00000001.log`, 'undelivered');
    await command('chown', ['-R', 'sluice:sluice', DATA]);
    expect(await purge()).toContain('/var/lib/sluice is kept');
    expect(await exists('passwd', 'sluice')).toBe(false);
    expect((await command('stat', ['-c', '%U', `${DATA}/buffer/out/00000001.log`])).stdout.trim()).toBe(
      'root',
    );
    await install();
    expect((await command('stat', ['-c', '%U', `${DATA}/buffer/out/00000001.log`])).stdout.trim()).toBe(
      'sluice',
    );
    await purge();
  });
});
