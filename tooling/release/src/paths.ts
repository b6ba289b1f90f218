import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tooling/release/{src,dist}/paths.*). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RELEASE_DIRECTORY = join(ROOT, 'release');
export const NPM_DIRECTORY = join(RELEASE_DIRECTORY, 'npm');
export const TOOLING_DIRECTORY = join(ROOT, 'tooling', 'release');
/** Written by the release build: the version its artefacts carry. */
export const VERSION_FILE = join(RELEASE_DIRECTORY, 'VERSION');

/** The newest Node.js LTS line: the runtime the single executable carries. */
export const EXECUTABLE_NODE_LINE = 26;

/** The version of the release in release/ (of `@sluice/cli` once the changesets are applied). */
export function releaseVersion(): string {
  return readFileSync(VERSION_FILE, 'utf8').trim();
}

export function executablePath(version = releaseVersion()): string {
  return join(RELEASE_DIRECTORY, `sluice-${version}-linux-x64`);
}

export function debPath(version = releaseVersion()): string {
  return join(RELEASE_DIRECTORY, `sluice_${version}_amd64.deb`);
}

/** The container image, an OCI image archive. */
export function ociArchivePath(version = releaseVersion()): string {
  return join(RELEASE_DIRECTORY, `sluice-${version}-oci.tar`);
}
