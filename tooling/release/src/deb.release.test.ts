import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliVersion, debPath } from './paths.js';
import { command, emptyDirectory } from './test-helpers/commands.js';
import { readServiceUnit, startService } from './test-helpers/service.js';
import { npmInstall, packPlugin } from './test-helpers/tarballs.js';

/** The .deb on this machine (as root; CI is a clean Debian): install, service, plugins, removal. */

const deb = debPath();
const UNIT = '/lib/systemd/system/sluice.service';
const CONFIG = '/etc/sluice/sluice.yaml';
const PLUGIN_DIRECTORY = '/usr/lib/sluice/plugins';
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
  await rm(PLUGIN_DIRECTORY, { recursive: true, force: true });
  if (!existedBefore.user) await command('userdel', ['sluice']);
  if (!existedBefore.dataDirectory) await rm('/var/lib/sluice', { recursive: true, force: true });
});

describe('the Debian package', () => {
  it('installs, validates its config, has a unit systemd accepts, and leaves the data directory on removal', async () => {
    const install = await command('dpkg', ['-i', deb]);
    expect(install.code, install.stderr).toBe(0);
    expect((await command('/usr/bin/sluice', ['--version'])).stdout).toBe(`${cliVersion()}\n`);

    const validate = await command('/usr/bin/sluice', ['validate', '--config', CONFIG]);
    expect(validate.code, validate.stderr).toBe(0);
    expect(await readFile('/var/lib/dpkg/info/sluice.conffiles', 'utf8')).toBe(`${CONFIG}\n`);

    expect((await command('getent', ['passwd', 'sluice'])).stdout).toMatch(
      /^sluice:x:\d+:\d+:.*:\/var\/lib\/sluice:\/usr\/sbin\/nologin$/m,
    );
    const owner = (await command('stat', ['-c', '%U', '/var/lib/sluice'])).stdout.trim();
    expect(owner).toBe('sluice');

    const verify = await command('systemd-analyze', ['verify', UNIT]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr).not.toContain('sluice.service');
    const text = await readFile(UNIT, 'utf8');
    expect(text).toContain(`ExecStart=/usr/bin/sluice --config ${CONFIG}`);
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
    expect(existsSync(CONFIG)).toBe(true);
  });

  it('its service, as the sluice user in /, loads a plugin installed in /usr/lib/sluice/plugins', async () => {
    const install = await command('dpkg', ['-i', deb]);
    expect(install.code, install.stderr).toBe(0);
    expect((await stat(PLUGIN_DIRECTORY)).isDirectory()).toBe(true);
    const packed = await emptyDirectory('sluice-plugin-tarball-');
    try {
      const plugin = await packPlugin(packed);
      await mkdir(PLUGIN_DIRECTORY, { recursive: true });
      await npmInstall(PLUGIN_DIRECTORY, [], { [plugin.name]: plugin.tarball });
    } finally {
      await rm(packed, { recursive: true, force: true });
    }
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
    const unit = await readServiceUnit(UNIT);
    expect(unit).toMatchObject({ user: 'sluice', workingDirectory: '/' });
    const started = await startService(unit);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stderr).toMatch(/counter totals \{"demo_logs":6\}/);
  });
});
