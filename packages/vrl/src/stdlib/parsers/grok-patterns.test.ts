import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROK_PATTERNS } from './grok/default-patterns.js';

/**
 * The grok crate's `build.rs`: every `NAME definition` line of the pattern files (comments and
 * blank lines skipped), sorted by name, definition and file; of a name defined twice the last
 * in that order wins (it is inserted last into the crate's map).
 */
function patternsFromFiles(directory: string): [string, string][] {
  const lines: [string, string, string][] = [];
  for (const file of readdirSync(directory).filter((name) => name.endsWith('.pattern'))) {
    for (const line of readFileSync(directory + file, 'utf8').split(/\r?\n/)) {
      if (line === '' || line.startsWith('#')) continue;
      const space = line.indexOf(' ');
      lines.push([line.slice(0, space), line.slice(space + 1), file.slice(0, -'.pattern'.length)]);
    }
  }
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  lines.sort((a, b) => order(a[0], b[0]) || order(a[1], b[1]) || order(a[2], b[2]));
  const patterns = new Map<string, string>();
  for (const [name, definition] of lines) patterns.set(name, definition);
  return [...patterns];
}

const DIRECTORY = new URL('./grok/patterns/', import.meta.url).pathname;
const MODULE = new URL('./grok/default-patterns.ts', import.meta.url).pathname;

describe('the default grok patterns', () => {
  it('are the pattern files', () => {
    const patterns = patternsFromFiles(DIRECTORY);
    if (process.env.UPDATE_GROK_PATTERNS !== undefined) {
      const entries = patterns.map(
        ([name, definition]) => `  [${JSON.stringify(name)}, ${JSON.stringify(definition)}],`,
      );
      writeFileSync(
        MODULE,
        `// Generated from ./patterns (the grok crate's pattern files) by grok-patterns.test.ts: do not edit.\n\n/** The grok crate's default patterns, by name. */\nexport const GROK_PATTERNS: readonly (readonly [string, string])[] = [\n${entries.join('\n')}\n];\n`,
      );
    }
    expect(GROK_PATTERNS).toEqual(patterns);
  });
});
