/**
 * Module resolution for code inside the single executable's bundle, injected by `bundle.ts`. The
 * bundle carries its packages inline and there is no node_modules beside it, so code that finds a
 * package on disk (`createRequire(import.meta.resolve('pkg'))`, as the AWS credentials chain does
 * to load its providers up front, or `createRequire(import.meta.url)('pkg')`) finds the bundled
 * copy instead: a bundled package resolves to the bundle itself, and a `require` created there
 * returns the bundled package. Anything else resolves as Node would.
 */
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundledPackages } from 'sluice:bundled-packages';

const BUNDLE_URL = import.meta.url;
const BUNDLE_PATH = fileURLToPath(BUNDLE_URL);

function isBundled(specifier: string): boolean {
  return Object.hasOwn(bundledPackages, specifier);
}

/** `import.meta.resolve` in the bundle (which a single executable lacks): see the file's comment. */
export function bundledImportMetaResolve(specifier: string): string {
  if (isBundled(specifier)) return BUNDLE_URL;
  if (/^(\.{0,2}\/|[a-z][a-z\d+.-]*:)/i.test(specifier)) return new URL(specifier, BUNDLE_URL).href;
  throw Object.assign(
    new Error(`Cannot find package '${specifier}' imported from ${BUNDLE_PATH} (not in the bundle)`),
    { code: 'ERR_MODULE_NOT_FOUND' },
  );
}

/** `node:module`'s `createRequire` for code in the bundle: see the file's comment. */
export function createRequire(from: string | URL): NodeJS.Require {
  const onDisk = nodeModule.createRequire(from);
  const location = String(from);
  if (location !== BUNDLE_URL && location !== BUNDLE_PATH) return onDisk;
  const required = ((id: string) =>
    isBundled(id) ? (bundledPackages[id] as () => unknown)() : onDisk(id)) as NodeJS.Require;
  const resolve = ((id: string, options?: { paths?: string[] }) =>
    isBundled(id) ? BUNDLE_PATH : onDisk.resolve(id, options)) as NodeJS.RequireResolve;
  resolve.paths = onDisk.resolve.paths;
  return Object.assign(required, {
    resolve,
    cache: onDisk.cache,
    extensions: onDisk.extensions,
    main: onDisk.main,
  });
}
