import { describe, expect, it } from 'vitest';
import { packageOf, runtimeImports } from './dependencies.js';

describe('runtimeImports', () => {
  it('finds static, re-exported and literal dynamic imports, and skips type-only ones and builtins', () => {
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
    ].join('\n');
    expect([...runtimeImports(source)].sort()).toEqual(['@scope/one', 'lazy-package', 'pino', 'reexported']);
  });

  it('names the package of a deep specifier', () => {
    expect(packageOf('ajv/dist/2020.js')).toBe('ajv');
    expect(packageOf('@aws-sdk/client-kinesis')).toBe('@aws-sdk/client-kinesis');
    expect(packageOf('node:fs')).toBeUndefined();
  });
});
