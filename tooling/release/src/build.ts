import { execFileSync, spawnSync } from 'node:child_process';
import { chmod, copyFile, mkdir, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleScript } from './bundle.js';
import { imageEntries, sharedLibraries, writeOciArchive } from './container.js';
import { fetchNode } from './node-runtime.js';
import {
  debPath,
  EXECUTABLE_NODE_LINE,
  executablePath,
  NPM_DIRECTORY,
  ociArchivePath,
  RELEASE_DIRECTORY,
  ROOT,
  TOOLING_DIRECTORY,
  VERSION_FILE,
} from './paths.js';
import { type StagedRelease, stageRelease } from './stage.js';

const WORK_DIRECTORY = join(RELEASE_DIRECTORY, 'work');

/**
 * `pnpm pack` (not npm: it rewrites `workspace:^` and applies `publishConfig.exports`) of each
 * staged package: the versions and CHANGELOG.md of `changeset version`.
 */
async function packTarballs(staged: StagedRelease): Promise<string[]> {
  await mkdir(NPM_DIRECTORY, { recursive: true });
  for (const entry of staged.packages) {
    execFileSync('pnpm', ['pack', '--pack-destination', NPM_DIRECTORY], {
      cwd: entry.directory,
      stdio: 'ignore',
    });
  }
  return (await readdir(NPM_DIRECTORY))
    .filter((name) => name.endsWith('.tgz'))
    .map((name) => join(NPM_DIRECTORY, name));
}

/**
 * The CLI and everything it imports in one ES module. `@sluice/demo` stays out (it brings a 16 MB
 * Kinesis server; the CLI says how to get it), as does the native `node-unix-socket`, and `@node-rs/crc32`, a native addon, becomes the
 * JavaScript CRC-32C. Bundled CommonJS dependencies get a real `require` for Node's builtins.
 */
async function bundle(version: string): Promise<string> {
  const outfile = join(WORK_DIRECTORY, 'sluice.mjs');
  await bundleScript({
    entry: join(ROOT, 'apps', 'cli', 'dist', 'bin.js'),
    outfile,
    target: `node${EXECUTABLE_NODE_LINE}`,
    // node-unix-socket is a native addon (the socket source's unix_datagram mode): not bundled; that
    // mode says it is missing.
    external: ['@sluice/demo', 'node-unix-socket'],
    alias: { '@node-rs/crc32': join(TOOLING_DIRECTORY, 'dist', 'crc32c.js') },
    define: { SLUICE_BUNDLED_VERSION: JSON.stringify(version) },
  });
  return outfile;
}

/**
 * A Node.js single executable application around the bundle, on the newest LTS runtime. The
 * official Node binary carries its debug information and symbol table (33 MB of 150): they are
 * stripped first; the dynamic symbols that native addons link against stay.
 */
async function buildExecutable(script: string, version: string): Promise<string> {
  const node = join(WORK_DIRECTORY, 'node');
  await copyFile(fetchNode(EXECUTABLE_NODE_LINE), node);
  try {
    execFileSync('strip', ['--strip-all', node], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    throw new Error(`strip failed (install binutils): ${(error as Error).message}`);
  }
  const output = executablePath(version);
  const config = join(WORK_DIRECTORY, 'sea-config.json');
  await writeFile(
    config,
    JSON.stringify({ main: script, mainFormat: 'module', output, disableExperimentalSEAWarning: true }),
  );
  execFileSync(node, ['--build-sea', config], { stdio: ['ignore', 'ignore', 'inherit'] });
  await chmod(output, 0o755);
  return output;
}

/**
 * What the executable needs at run time: the shared libraries `ldd` lists (Node 26's symbol
 * versions: GLIBC_2.28, GLIBCXX_3.4.21 of GCC 5, LIBATOMIC_1.0; the release test checks every
 * library `ldd` finds against this list), and `useradd` for postinst.
 */
const DEPENDS = 'libc6 (>= 2.28), libstdc++6 (>= 5), libgcc-s1 | libgcc1, libatomic1, passwd';

/** The .deb: the executable, a default config, a systemd unit, a system user made by postinst. */
async function buildDeb(executable: string, version: string, changelog: string): Promise<string> {
  const assets = join(TOOLING_DIRECTORY, 'debian');
  const staging = join(WORK_DIRECTORY, 'deb');
  const place = async (from: string, to: string, mode: number) => {
    await mkdir(join(staging, to, '..'), { recursive: true });
    await copyFile(from, join(staging, to));
    await chmod(join(staging, to), mode);
  };
  await place(executable, 'usr/bin/sluice', 0o755);
  await place(join(assets, 'sluice.yaml'), 'etc/sluice/sluice.yaml', 0o644);
  await place(join(assets, 'sluice.service'), 'lib/systemd/system/sluice.service', 0o644);
  await place(join(ROOT, 'LICENSE'), 'usr/share/doc/sluice/copyright', 0o644);
  await place(changelog, 'usr/share/doc/sluice/CHANGELOG.md', 0o644);
  // Where the service looks for plugins (`npm install --prefix /usr/lib/sluice/plugins <name>`).
  await mkdir(join(staging, 'usr', 'lib', 'sluice', 'plugins'), { recursive: true });
  for (const script of ['postinst', 'prerm', 'postrm'])
    await place(join(assets, script), `DEBIAN/${script}`, 0o755);
  await writeFile(join(staging, 'DEBIAN', 'conffiles'), '/etc/sluice/sluice.yaml\n');
  const installedKib = Math.ceil(
    Number(execFileSync('du', ['-sk', '--exclude=DEBIAN', staging], { encoding: 'utf8' }).split('\t')[0]),
  );
  await writeFile(
    join(staging, 'DEBIAN', 'control'),
    [
      'Package: sluice',
      `Version: ${version}`,
      'Section: admin',
      'Priority: optional',
      'Architecture: amd64',
      'Maintainer: Sluice maintainers <https://github.com/sluice-dev/sluice/issues>',
      `Installed-Size: ${installedKib}`,
      `Depends: ${DEPENDS}`,
      'Homepage: https://github.com/sluice-dev/sluice',
      'Description: ship logs from TCP to AWS Kinesis Data Streams',
      ' Sluice reads Vector configurations and ships logs to AWS Kinesis Data Streams:',
      ' batched, rate-limited, retried, buffered in memory or on disk, never silently lost.',
      ' A single executable with its own Node.js runtime; a systemd unit runs it as the',
      ' sluice user with /etc/sluice/sluice.yaml and /var/lib/sluice as its data directory.',
      '',
    ].join('\n'),
  );
  const output = debPath(version);
  execFileSync('dpkg-deb', ['--root-owner-group', '--build', staging, output], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return output;
}

/**
 * The Debian package owning each of `paths`, whose copyright file ships with it in the image. With
 * merged /usr, dpkg knows a library by one of its names (/lib/… or /usr/lib/…, a link or not).
 */
async function owningPackages(paths: readonly string[]): Promise<string[]> {
  const owners = new Set<string>();
  for (const path of paths) {
    const unmerged = path.replace(/^\/usr\//, '/');
    const names = [path, await realpath(path), unmerged, `/usr${unmerged}`];
    const owner = names
      .map((name) => spawnSync('dpkg', ['-S', name], { encoding: 'utf8' }))
      .find((result) => result.status === 0);
    if (owner === undefined) throw new Error(`no Debian package owns ${path}`);
    owners.add(owner.stdout.split(':')[0] as string);
  }
  return [...owners];
}

/**
 * The container image (`release/sluice-<version>-oci.tar`), assembled from the executable and its
 * shared libraries, and the Dockerfile of the same image for who builds their own.
 */
async function buildContainerImage(executable: string, version: string): Promise<string> {
  const assets = join(TOOLING_DIRECTORY, 'container');
  const licenses: Record<string, string> = { sluice: join(ROOT, 'LICENSE') };
  for (const name of await owningPackages(sharedLibraries(executable)))
    licenses[name] = `/usr/share/doc/${name}/copyright`;
  const entries = await imageEntries({ executable, config: join(assets, 'sluice.yaml'), licenses });
  const output = ociArchivePath(version);
  await writeOciArchive({ entries, version, output });
  await mkdir(join(RELEASE_DIRECTORY, 'container'), { recursive: true });
  for (const name of ['Dockerfile', 'sluice.yaml'])
    await copyFile(join(assets, name), join(RELEASE_DIRECTORY, 'container', name));
  return output;
}

/** `pnpm release:build` (after `turbo run build`): everything under release/. */
export async function buildRelease(): Promise<void> {
  await rm(RELEASE_DIRECTORY, { recursive: true, force: true });
  await mkdir(WORK_DIRECTORY, { recursive: true });
  const staged = await stageRelease(ROOT, join(WORK_DIRECTORY, 'source'));
  const { version } = staged;
  await writeFile(VERSION_FILE, `${version}\n`);
  process.stdout.write(`version ${version} (the pending changesets applied; CHANGELOG.md in each package)\n`);
  const tarballs = await packTarballs(staged);
  process.stdout.write(`npm tarballs: ${tarballs.length} in release/npm\n`);
  const executable = await buildExecutable(await bundle(version), version);
  process.stdout.write(`single executable: release/sluice-${version}-linux-x64\n`);
  await buildContainerImage(executable, version);
  process.stdout.write(
    `container image: release/sluice-${version}-oci.tar (and release/container/Dockerfile)\n`,
  );
  await buildDeb(executable, version, join(staged.directory, 'apps', 'cli', 'CHANGELOG.md'));
  process.stdout.write(`debian package: release/sluice_${version}_amd64.deb\n`);
  await rm(WORK_DIRECTORY, { recursive: true, force: true });
}
