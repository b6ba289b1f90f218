import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from './dependencies.js';

export interface WorkspacePackage {
  directory: string;
  manifest: Manifest & { version: string; bin?: Record<string, string>; files?: string[] };
}

const PACKAGE_PARENTS = ['packages', 'apps', 'tooling', 'examples'];

/** Every package of the workspace (the folders pnpm-workspace.yaml names), private ones included. */
export async function workspacePackages(root: string): Promise<WorkspacePackage[]> {
  const found: WorkspacePackage[] = [];
  for (const parent of PACKAGE_PARENTS) {
    for (const entry of await readdir(join(root, parent), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const directory = join(root, parent, entry.name);
      try {
        const manifest = JSON.parse(await readFile(join(directory, 'package.json'), 'utf8'));
        found.push({ directory, manifest });
      } catch {
        // Not a package (an example config folder, say).
      }
    }
  }
  return found.sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** The packages a user installs from npm. */
export async function publishablePackages(root: string): Promise<WorkspacePackage[]> {
  return (await workspacePackages(root)).filter((entry) => entry.manifest.private !== true);
}
