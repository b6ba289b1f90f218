import { readdir, readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

export interface Manifest {
  name: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface DependencyProblem {
  packageName: string;
  message: string;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[\s;])import\s*['"]([^'"]+)['"]/g;

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/'))
    return undefined;
  // A builtin is named whole (`fs`, `fs/promises`): `punycode/punycode.js` is the npm package, not
  // Node's deprecated `punycode` module.
  if (builtinModules.includes(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Packages a source text imports. Type-only imports count: the published declarations import them,
 * so a TypeScript user needs them installed too.
 */
export function importedPackages(source: string): Set<string> {
  const found = new Set<string>();
  for (const match of source.matchAll(IMPORT)) {
    const name = packageOf((match[1] ?? match[2] ?? match[3]) as string);
    if (name !== undefined) found.add(name);
  }
  return found;
}

function isShipped(file: string): boolean {
  return (
    file.endsWith('.ts') &&
    !file.endsWith('.test.ts') &&
    !file.endsWith('.d.ts') &&
    !file.includes('test-helpers')
  );
}

async function shippedSources(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && isShipped(join(entry.parentPath, entry.name)))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * A published package's runtime dependencies must be exactly what its shipped code imports: an
 * import without a dependency breaks a user's install, a dependency without an import bloats it.
 * `allowedExtra` names dependencies that are needed without an import (a binary the code spawns).
 */
export async function checkDependencies(
  packageDirectory: string,
  allowedExtra: readonly string[] = [],
): Promise<DependencyProblem[]> {
  const manifest = JSON.parse(await readFile(join(packageDirectory, 'package.json'), 'utf8')) as Manifest;
  const imported = new Set<string>();
  for (const file of await shippedSources(join(packageDirectory, 'src'))) {
    for (const name of importedPackages(await readFile(file, 'utf8'))) imported.add(name);
  }
  imported.delete(manifest.name);
  const declared = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
  const problems: DependencyProblem[] = [];
  for (const name of [...imported].sort()) {
    if (!declared.has(name)) {
      problems.push({ packageName: manifest.name, message: `imports ${name} but does not depend on it` });
    }
  }
  for (const name of [...declared].sort()) {
    if (!imported.has(name) && !allowedExtra.includes(name)) {
      problems.push({ packageName: manifest.name, message: `depends on ${name} but never imports it` });
    }
  }
  return problems;
}
