import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, ErrorCode, errorCatalogue, errorCategoryOf, SluiceError } from './errors.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const THIS_FILE = 'packages/component-api/src/errors.ts';

/** Every non-test TypeScript source of the workspace's packages, apps and examples. */
function sources(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'dist', 'test-helpers', 'testing'].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts') && !/\.(test|integration\.test|d)\.ts$/.test(entry.name)) {
        files.set(relative(ROOT, path), readFileSync(path, 'utf8'));
      }
    }
  };
  for (const top of ['packages', 'apps', 'examples'])
    for (const entry of readdirSync(join(ROOT, top), { withFileTypes: true }))
      if (entry.isDirectory()) walk(join(ROOT, top, entry.name, 'src'));
  return files;
}

describe('the error catalogue', () => {
  const files = sources();

  it('declares each code once, with the SLUICE_ERR_ prefix and a category', () => {
    const codes = Object.values(errorCatalogue).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of Object.values(errorCatalogue)) {
      expect(entry.code).toMatch(/^SLUICE_ERR_[A-Z_]+$/);
      expect(errorCategoryOf(entry.code)).toBe(entry.category);
    }
  });

  it('is the only place a code is spelled out: sources name codes through ErrorCode', () => {
    const spelled = [...files]
      .filter(([path, text]) => path !== THIS_FILE && /SLUICE_ERR_[A-Z]/.test(text))
      .map(([path]) => path);
    expect(spelled).toEqual([]);
  });

  it('has no dead code: every code is used by some source', () => {
    const used = new Set<string>();
    for (const [path, text] of files) {
      if (path === THIS_FILE) continue;
      for (const match of text.matchAll(/\bErrorCode\.(\w+)/g)) used.add(match[1] as string);
    }
    const unused = Object.keys(errorCatalogue).filter((name) => !used.has(name));
    expect(unused).toEqual([]);
    // And no source names a code the catalogue lacks (TypeScript checks it too).
    expect([...used].filter((name) => !(name in errorCatalogue))).toEqual([]);
  });

  it('gives errors their category; ConfigError is a config error', () => {
    expect(new SluiceError(ErrorCode.bufferLocked, 'locked').category).toBe('environment');
    expect(new SluiceError(ErrorCode.componentFailed, 'failed').category).toBe('runtime');
    expect(new ConfigError([{ file: undefined, path: 'a', message: 'b' }]).category).toBe('config');
    expect(errorCategoryOf('SLUICE_ERR_NOT_DECLARED')).toBeUndefined();
  });
});
