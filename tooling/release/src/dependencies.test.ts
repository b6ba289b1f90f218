import { describe, expect, it } from 'vitest';
import { importedPackages, packageOf } from './dependencies.js';

describe('importedPackages', () => {
  it('finds static, side-effect, re-exported and literal dynamic imports, type-only ones too, but no builtins', () => {
    const source = [
      "import { a } from '@scope/one/sub';",
      "import type { B } from 'types-only';",
      "export type { C } from 'also-types';",
      "export { d } from 'reexported';",
      "import pino, { type Logger } from 'pino';",
      "const lazy = () => import('lazy-package');",
      "import { readFile } from 'node:fs/promises';",
      "import { join } from 'path';",
      "import { local } from './local.js';",
      "import '@scope/side-effect/bin';",
    ].join('\n');
    expect([...importedPackages(source)].sort()).toEqual([
      '@scope/one',
      '@scope/side-effect',
      'also-types',
      'lazy-package',
      'pino',
      'reexported',
      'types-only',
    ]);
  });

  it('names the package of a deep specifier', () => {
    expect(packageOf('ajv/dist/2020.js')).toBe('ajv');
    expect(packageOf('@aws-sdk/client-kinesis')).toBe('@aws-sdk/client-kinesis');
    expect(packageOf('node:fs')).toBeUndefined();
    expect(packageOf('fs/promises')).toBeUndefined();
    // An npm package that shares its name with a deprecated builtin, imported by a subpath.
    expect(packageOf('punycode/punycode.js')).toBe('punycode');
  });
});
