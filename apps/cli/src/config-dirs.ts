import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** Vector's config formats by extension; a directory's other files are skipped. */
export const CONFIG_EXTENSIONS: ReadonlySet<string> = new Set(['.toml', '.yaml', '.yml', '.json']);

/**
 * The sub-directories of a `--config-dir` that Vector reads as one component per file, named after
 * the file (`sinks/es_cluster.yaml` is the sink `es_cluster`), in Vector's order.
 */
export const NAMESPACES = ['sources', 'transforms', 'sinks', 'tests', 'enrichment_tables'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** A config file to read: a whole config, or (in a namespaced directory) a part of one component. */
export interface ConfigFileRef {
  path: string;
  component?: {
    section: Namespace;
    id: string;
    /**
     * Where the file's table goes inside the component: [] for `transforms/route.yaml`, ['a'] for
     * `transforms/route/a.yaml` (transforms may nest, as in Vector; other sections may not).
     */
    key: readonly string[];
  };
}

async function entriesOf(
  directory: string,
): Promise<Array<{ name: string; isFile: boolean; isDirectory: boolean }>> {
  const entries: Dirent[] = await readdir(directory, { withFileTypes: true });
  const result = [];
  for (const entry of entries) {
    let isFile = entry.isFile();
    let isDirectory = entry.isDirectory();
    // A Kubernetes config map mounts its files as symbolic links: followed, as Vector's is_file().
    if (entry.isSymbolicLink()) {
      const target = await stat(join(directory, entry.name)).catch(() => undefined);
      isFile = target?.isFile() ?? false;
      isDirectory = target?.isDirectory() ?? false;
    }
    result.push({ name: entry.name, isFile, isDirectory });
  }
  return result.sort((first, second) => (first.name < second.name ? -1 : first.name > second.name ? 1 : 0));
}

const isConfigFile = (name: string) => CONFIG_EXTENSIONS.has(extname(name).toLowerCase());
const stem = (name: string) => basename(name, extname(name));

/**
 * The files of a `--config-dir`, as Vector's `load_from_dir` reads them: the config files at its
 * top, then those of `sources/`, `transforms/`, `sinks/`, `tests/` and `enrichment_tables/`, each
 * one component named after the file. Under `transforms/` a component may nest: the files of
 * `transforms/<id>/` (and deeper) become tables inside component `<id>`. Directories whose name
 * starts with "." are skipped (Kubernetes' `..data`). Also returns every directory read, for
 * `--watch-config`.
 */
export async function configDirectoryFiles(
  directory: string,
): Promise<{ files: ConfigFileRef[]; directories: string[] }> {
  const files: ConfigFileRef[] = [];
  const directories = [directory];
  const top = await entriesOf(directory);
  for (const entry of top)
    if (entry.isFile && isConfigFile(entry.name)) files.push({ path: join(directory, entry.name) });
  for (const section of NAMESPACES) {
    if (!top.some((entry) => entry.name === section && entry.isDirectory)) continue;
    const walk = async (path: string, key: string[]) => {
      directories.push(path);
      for (const entry of await entriesOf(path)) {
        if (entry.isFile && isConfigFile(entry.name)) {
          const [id = '', ...rest] = [...key, stem(entry.name)];
          files.push({ path: join(path, entry.name), component: { section, id, key: rest } });
        } else if (entry.isDirectory && section === 'transforms' && !entry.name.startsWith('.')) {
          await walk(join(path, entry.name), [...key, entry.name]);
        }
      }
    };
    await walk(join(directory, section), []);
  }
  return { files, directories };
}

const isTable = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/**
 * Merges `other` into `base` as Vector's `merge_values`: tables key by key, lists appended, a
 * scalar replaced; a table and a non-table at one place is an error naming the place.
 */
export function mergeValues(base: unknown, other: unknown, path: string): unknown {
  if (isTable(base) && isTable(other)) {
    for (const [key, value] of Object.entries(other))
      base[key] = key in base ? mergeValues(base[key], value, `${path}.${key}`) : value;
    return base;
  }
  if (Array.isArray(base) && Array.isArray(other)) return [...base, ...other];
  if (isTable(base) !== isTable(other) || Array.isArray(base) !== Array.isArray(other))
    throw new Error(`${path}: a table and a value of another type cannot be merged`);
  return other;
}

/** A value placed at `key` inside a table: `['a', 'b']` and 1 give `{ a: { b: 1 } }`. */
export function nest(key: readonly string[], value: unknown): unknown {
  return key.reduceRight<unknown>((inner, part) => ({ [part]: inner }), value);
}
