import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { NPM_DIRECTORY, ROOT } from '../paths.js';
import { command } from './commands.js';

const run = promisify(execFile);
const PLUGIN_DIRECTORY = join(ROOT, 'examples', 'plugin-sink');

/** The tarballs `pnpm release:build` packed, by package name. */
export async function sluiceTarballs(): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const file of (await readdir(NPM_DIRECTORY)).filter((name) => name.endsWith('.tgz'))) {
    const tarball = join(NPM_DIRECTORY, file);
    const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json']);
    tarballs.set((JSON.parse(stdout) as { name: string }).name, tarball);
  }
  return tarballs;
}

/** The example plugin as a third party ships it: its own tarball. */
export async function packPlugin(destination: string): Promise<{ name: string; tarball: string }> {
  const manifest = JSON.parse(await readFile(join(PLUGIN_DIRECTORY, 'package.json'), 'utf8')) as {
    name: string;
  };
  await run('pnpm', ['pack', '--pack-destination', destination], { cwd: PLUGIN_DIRECTORY });
  const tarball = (await readdir(destination)).find((file) => file.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('pnpm pack wrote no tarball');
  return { name: manifest.name, tarball: join(destination, tarball) };
}

/**
 * `npm install` (plain npm, as a user) of the packages named, in `directory`: each `@sluice/*` one
 * from its tarball, and every `@sluice/*` dependency between them pinned to its tarball too, so
 * nothing of ours comes from the registry. `extra` maps more names to tarballs (a plugin).
 */
export async function npmInstall(
  directory: string,
  names: readonly string[],
  extra: Readonly<Record<string, string>> = {},
): Promise<void> {
  const tarballs = await sluiceTarballs();
  const pinned = Object.fromEntries([...tarballs].map(([name, tarball]) => [name, `file:${tarball}`]));
  const dependencies: Record<string, string> = {};
  for (const name of names) {
    const tarball = tarballs.get(name);
    if (tarball === undefined) throw new Error(`no tarball of ${name} in release/npm`);
    dependencies[name] = `file:${tarball}`;
  }
  for (const [name, tarball] of Object.entries(extra)) dependencies[name] = `file:${tarball}`;
  const overrides = Object.fromEntries(Object.entries(pinned).filter(([name]) => !(name in dependencies)));
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

/** Lines of `sluice list` that name a component type. */
export function listedTypes(output: string): Set<string> {
  return new Set(
    output
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().split(/\s+/)[0] as string),
  );
}
