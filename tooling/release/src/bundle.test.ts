import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScript, packagesOf } from './bundle.js';

const run = promisify(execFile);

/**
 * As the AWS credentials chain: a package found by name at run time, then a dependency it loads
 * lazily, required from the package's location; and a require made from the bundle itself.
 */
const ENTRY = `
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import outer from 'outer';
const fromOuter = createRequire(import.meta.resolve('outer'));
const fromHere = createRequire(import.meta.url);
let missing;
try { fromHere('not-bundled'); } catch (error) { missing = error.code; }
console.log(JSON.stringify({
  outer: outer.name,
  inner: fromOuter('inner').name,
  sameInner: fromOuter('inner') === outer.inner(),
  resolvedToBundle: fromOuter.resolve('inner') === fileURLToPath(import.meta.url),
  fromHere: fromHere('outer') === outer,
  missing,
}));
`;

const FILES: Record<string, string> = {
  'entry.mjs': ENTRY,
  'node_modules/outer/package.json': '{"name":"outer","version":"1.0.0","main":"index.js"}',
  'node_modules/outer/index.js': "exports.name = 'outer';\nexports.inner = () => require('inner');\n",
  'node_modules/outer/node_modules/inner/package.json': '{"name":"inner","version":"2.0.0"}',
  'node_modules/outer/node_modules/inner/index.js': "exports.name = 'inner';\n",
};

describe('bundleScript', () => {
  let source: string;
  let output: string;
  beforeAll(async () => {
    source = await mkdtemp(join(tmpdir(), 'sluice-bundle-source-'));
    output = await mkdtemp(join(tmpdir(), 'sluice-bundle-output-'));
    for (const [path, text] of Object.entries(FILES)) {
      await mkdir(dirname(join(source, path)), { recursive: true });
      await writeFile(join(source, path), text);
    }
  });
  afterAll(async () => {
    await rm(source, { recursive: true, force: true });
    await rm(output, { recursive: true, force: true });
  });

  it('lets bundled code find bundled packages by name, with no node_modules beside the bundle', async () => {
    const outfile = join(output, 'bundle.mjs');
    await bundleScript({ entry: join(source, 'entry.mjs'), outfile, target: 'node20' });
    const { stdout } = await run(process.execPath, [outfile], { cwd: output });
    expect(JSON.parse(stdout)).toEqual({
      outer: 'outer',
      inner: 'inner',
      sameInner: true,
      resolvedToBundle: true,
      fromHere: true,
      missing: 'MODULE_NOT_FOUND',
    });
  });
});

describe('packagesOf', () => {
  it('names each package of a metafile once, leaving out a name bundled in two versions', () => {
    const packages = packagesOf(
      [
        'node_modules/.pnpm/a@1/node_modules/a/index.js',
        'node_modules/.pnpm/a@1/node_modules/a/lib/more.js',
        'node_modules/.pnpm/@scope+b@1/node_modules/@scope/b/dist/index.js',
        'node_modules/.pnpm/c@1/node_modules/c/index.js',
        'node_modules/.pnpm/c@2/node_modules/c/index.js',
        'packages/own/dist/index.js',
      ],
      '/root',
    );
    expect(packages).toEqual(
      new Map([
        ['a', '/root/node_modules/.pnpm/a@1/node_modules/a'],
        ['@scope/b', '/root/node_modules/.pnpm/@scope+b@1/node_modules/@scope/b'],
      ]),
    );
  });
});
