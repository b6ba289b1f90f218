import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { type WorkspacePackage, workspacePackages } from './workspace.js';

export interface StagedRelease {
  /** The staged workspace (`release/work/source`). */
  directory: string;
  /** The publishable packages, staged: versioned, with their CHANGELOG.md. */
  packages: WorkspacePackage[];
  /** The version of `@sluice/cli` after `changeset version`: the release's version. */
  version: string;
}

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/**
 * The workspace as the release ships it, in `directory`: every package's manifest (and what a
 * publishable package ships: its `files`, README, LICENSE), the changesets, and then `changeset version`
 * applied there. The staged packages carry the next versions and a CHANGELOG.md each; the
 * repository keeps its versions and its pending changesets (a release does not commit them).
 */
export async function stageRelease(root: string, directory: string): Promise<StagedRelease> {
  await mkdir(directory, { recursive: true });
  for (const name of ['package.json', 'pnpm-workspace.yaml', 'LICENSE', '.changeset'])
    await cp(join(root, name), join(directory, name), { recursive: true });
  // `changeset version` loads its changelog writer (@changesets/cli/changelog) from here.
  await symlink(join(root, 'node_modules'), join(directory, 'node_modules'));
  const packages = await workspacePackages(root);
  for (const entry of packages) {
    const staged = join(directory, relative(root, entry.directory));
    await mkdir(staged, { recursive: true });
    const files = ['package.json', 'CHANGELOG.md'];
    if (entry.manifest.private !== true) files.push('README.md', 'LICENSE', ...(entry.manifest.files ?? []));
    for (const file of files.filter((name) => existsSync(join(entry.directory, name))))
      await cp(join(entry.directory, file), join(staged, file), { recursive: true });
  }
  execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], {
    cwd: directory,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const staged = await workspacePackages(directory);
  await linkWorkspaceDependencies(staged);
  const publishable = staged.filter((entry) => entry.manifest.private !== true);
  for (const entry of publishable) await shipChangelog(entry);
  const cli = staged.find((entry) => entry.manifest.name === '@sluice/cli');
  if (cli === undefined) throw new Error('no @sluice/cli in the workspace');
  return { directory, packages: publishable, version: cli.manifest.version };
}

/**
 * What `pnpm install` would link and `pnpm pack` reads to turn `workspace:^` into a version: each
 * workspace dependency of a staged package, as a link to the staged package.
 */
async function linkWorkspaceDependencies(packages: readonly WorkspacePackage[]): Promise<void> {
  const byName = new Map(packages.map((entry) => [entry.manifest.name, entry.directory]));
  for (const entry of packages) {
    const manifest = entry.manifest as unknown as Record<string, Record<string, string> | undefined>;
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        const target = byName.get(name);
        if (!range.startsWith('workspace:') || target === undefined) continue;
        const link = join(entry.directory, 'node_modules', name);
        if (existsSync(link)) continue;
        await mkdir(dirname(link), { recursive: true });
        await symlink(relative(dirname(link), target), link);
      }
    }
  }
}

/** A package's CHANGELOG.md goes into its tarball (npm does not add one by itself). */
async function shipChangelog(entry: WorkspacePackage): Promise<void> {
  if (!existsSync(join(entry.directory, 'CHANGELOG.md'))) return;
  const path = join(entry.directory, 'package.json');
  const manifest = JSON.parse(await readFile(path, 'utf8')) as { files?: string[] };
  if (manifest.files === undefined || manifest.files.includes('CHANGELOG.md')) return;
  manifest.files.push('CHANGELOG.md');
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
