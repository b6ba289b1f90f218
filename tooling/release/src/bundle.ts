import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';

export interface BundleOptions {
  entry: string;
  outfile: string;
  /** esbuild's target, e.g. `node26`. */
  target: string;
  external?: string[];
  alias?: Record<string, string>;
  define?: Record<string, string>;
}

/** `bundle-runtime.ts` beside this file, compiled (`.js`) or not (`.ts`, in tests): esbuild takes either. */
const RUNTIME = fileURLToPath(new URL(`./bundle-runtime${extname(import.meta.url)}`, import.meta.url));
const TABLE = 'sluice:bundled-packages';

/**
 * The packages a bundle carries, by name → directory, from esbuild's metafile (paths relative to
 * `workingDirectory`). A name carried in two versions is left out: which copy a caller means
 * depends on where the caller sits, which a name alone does not say.
 */
export function packagesOf(inputs: readonly string[], workingDirectory: string): Map<string, string> {
  const directories = new Map<string, Set<string>>();
  for (const input of inputs) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/@][^/]*))\//.exec(input);
    if (match === null) continue;
    const [, directory, name] = match as unknown as [string, string, string];
    const found = directories.get(name) ?? new Set<string>();
    found.add(resolve(workingDirectory, directory));
    directories.set(name, found);
  }
  const packages = new Map<string, string>();
  for (const [name, found] of directories) if (found.size === 1) packages.set(name, [...found][0] as string);
  return packages;
}

/**
 * Lets bundled code find bundled packages by name at run time (see `bundle-runtime.ts`): imports of
 * `node:module` get its `createRequire`, and `sluice:bundled-packages` is generated: a loader per
 * package, its entry resolved from the package's own directory as an import, so the copy it loads
 * is the one the bundle already holds.
 */
function bundledResolution(packages: Map<string, string>): Plugin {
  return {
    name: 'bundled-resolution',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^(node:)?module$/ }, (args) =>
        args.importer === RUNTIME || args.namespace === 'bundled-module'
          ? { path: 'node:module', external: true }
          : { path: 'node:module', namespace: 'bundled-module' },
      );
      esbuild.onLoad({ filter: /.*/, namespace: 'bundled-module' }, () => ({
        contents: [
          "export * from 'node:module';",
          "export { default } from 'node:module';",
          `export { createRequire } from ${JSON.stringify(RUNTIME)};`,
        ].join('\n'),
        resolveDir: dirname(RUNTIME),
      }));
      esbuild.onResolve({ filter: new RegExp(`^${TABLE}$`) }, () => ({ path: TABLE, namespace: 'bundled' }));
      esbuild.onLoad({ filter: /.*/, namespace: 'bundled' }, async () => {
        const loaders: string[] = [];
        for (const [name, directory] of [...packages].sort()) {
          const resolved = await esbuild.resolve(name, { kind: 'import-statement', resolveDir: directory });
          // A package without a main entry (only subpaths, as @aws-sdk/nested-clients) has no name to require.
          if (resolved.errors.length > 0) continue;
          loaders.push(`  ${JSON.stringify(name)}: () => require(${JSON.stringify(resolved.path)}),`);
        }
        const contents = `export const bundledPackages = {\n${loaders.join('\n')}\n};\n`;
        return { contents, loader: 'js', resolveDir: dirname(RUNTIME) };
      });
    },
  };
}

/**
 * One ES module of `entry` and everything it imports, for Node (the single executable's script).
 * Bundled CommonJS code gets a real `require` for Node's builtins, and bundled code that looks up
 * packages by name at run time finds the bundled ones. Built twice: first to learn which packages
 * the bundle carries, then with their table.
 */
export async function bundleScript(options: BundleOptions): Promise<void> {
  const common: BuildOptions = {
    entryPoints: [options.entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: options.target,
    external: options.external ?? [],
    alias: options.alias ?? {},
    define: { ...options.define, 'import.meta.resolve': 'bundledImportMetaResolve' },
    inject: [RUNTIME],
    banner: {
      js: "import { createRequire as __sluiceCreateRequire } from 'node:module';\nconst require = __sluiceCreateRequire(import.meta.url);",
    },
    legalComments: 'eof',
    logLevel: 'warning',
  };
  const workingDirectory = process.cwd();
  const first = await build({
    ...common,
    write: false,
    metafile: true,
    plugins: [bundledResolution(new Map())],
    outfile: options.outfile,
  });
  const packages = packagesOf(Object.keys(first.metafile.inputs), workingDirectory);
  await build({ ...common, outfile: options.outfile, plugins: [bundledResolution(packages)] });
}
