#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { examplesOfFile, type FunctionExample, type SkippedExample } from './rust-examples.js';

/**
 * `sluice-vrl-import <vrl checkout> [--commit <sha>] [--out <dir>]`
 *
 * Copies VRL's test programs and the examples of every stdlib function into the repository as
 * test data for `@sluice/vrl`, with VRL's license and the commit they come from. Get a checkout
 * with `git clone https://github.com/vectordotdev/vrl` (or `git --git-dir=<mirror> archive HEAD |
 * tar -x -C <dir>` from a bare mirror, and pass `--commit`).
 */

function main(argv: string[]): void {
  const positional: string[] = [];
  let commit: string | undefined;
  let out = resolve(dirname(fileURLToPath(import.meta.url)), '../../../packages/vrl/test-data/vrl');
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--commit') commit = argv[++index];
    else if (argument === '--out') out = resolve(argv[++index] as string);
    else positional.push(argument);
  }
  const source = positional[0];
  if (source === undefined || !existsSync(join(source, 'lib/tests/tests'))) {
    process.stderr.write('usage: sluice-vrl-import <vrl checkout> [--commit <sha>] [--out <dir>]\n');
    process.exitCode = 2;
    return;
  }
  commit ??= gitCommit(source);

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(source, 'lib/tests/tests'), join(out, 'tests'), { recursive: true });
  cpSync(join(source, 'LICENSE'), join(out, 'LICENSE'));

  const functions = functionOrder(source);
  const examples: FunctionExample[] = [];
  const skipped: SkippedExample[] = [];
  for (const file of rustFiles(join(source, 'src/stdlib'))) {
    const result = examplesOfFile(relative(source, file), readFileSync(file, 'utf8'));
    examples.push(...result.examples);
    skipped.push(...result.skipped);
  }
  const rank = (name: string): number => {
    const position = functions.indexOf(name.replace(/ \(closure\)$/, ''));
    return position < 0 ? functions.length : position;
  };
  examples.sort(
    (a, b) => rank(a.function) - rank(b.function) || a.file.localeCompare(b.file) || a.line - b.line,
  );
  const known = new Set(functions);
  const included = examples.filter((example) => known.has(example.function.replace(/ \(closure\)$/, '')));

  writeFileSync(join(out, 'function-examples.json'), `${JSON.stringify(included, null, 2)}\n`);
  writeFileSync(join(out, 'functions.json'), `${JSON.stringify(functions, null, 2)}\n`);
  writeFileSync(join(out, 'README.md'), readme(commit, included.length, skipped));
  writeFileSync(join(out, '../../src/stdlib/vrl-function-names.ts'), functionNamesModule(functions, commit));
  process.stdout.write(
    `imported ${countFiles(join(out, 'tests'), '.vrl')} test programs and ${included.length} examples of ${functions.length} functions from ${commit ?? 'an unknown commit'} (${skipped.length} examples not readable statically)\n`,
  );
}

function gitCommit(directory: string): string | undefined {
  try {
    return execFileSync('git', ['-C', directory, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

function rustFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory).sort()) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) files.push(...rustFiles(path));
    else if (entry.endsWith('.rs')) files.push(path);
  }
  return files;
}

function countFiles(directory: string, extension: string): number {
  let count = 0;
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) count += countFiles(path, extension);
    else if (entry.endsWith(extension)) count++;
  }
  return count;
}

/** The stdlib's functions in the order of `stdlib_functions!` (VRL's `stdlib::all()`). */
function functionOrder(source: string): string[] {
  const mod = readFileSync(join(source, 'src/stdlib/mod.rs'), 'utf8');
  const list = mod.slice(mod.indexOf('stdlib_functions! {'));
  const names: string[] = [];
  for (const match of list.matchAll(/^\s*(?:self::)?([a-z0-9_#:]+)::[A-Za-z0-9]+,$/gm)) {
    const modulePath = (match[1] as string).replaceAll('r#', '').split('::');
    const file = join(
      source,
      'src/stdlib',
      ...modulePath.slice(0, -1),
      `${modulePath[modulePath.length - 1]}.rs`,
    );
    const fallback = join(source, 'src/stdlib', ...modulePath, 'mod.rs');
    const path = existsSync(file) ? file : fallback;
    if (!existsSync(path)) continue;
    const identifier = /fn identifier\(&self\) -> &'static str \{\s*"([^"]+)"/.exec(
      readFileSync(path, 'utf8'),
    )?.[1];
    if (identifier !== undefined && !names.includes(identifier)) names.push(identifier);
  }
  return names;
}

/** The names as a module of the package: "did you mean", and refusing by name what is not implemented. */
function functionNamesModule(functions: string[], commit: string | undefined): string {
  return [
    `// Generated by tooling/vrl-import from vectordotdev/vrl ${commit ?? ''}: do not edit.`,
    '',
    "/** VRL's standard library function names, in VRL's order (`vrl::stdlib::all()`). */",
    'export const VRL_FUNCTION_NAMES: readonly string[] = [',
    ...functions.map((name) => `  '${name}',`),
    '];',
    '',
  ].join('\n');
}

function readme(commit: string | undefined, exampleCount: number, skipped: SkippedExample[]): string {
  const lines = [
    '# VRL test data',
    '',
    'Imported from [vectordotdev/vrl](https://github.com/vectordotdev/vrl) by `tooling/vrl-import`',
    `(commit \`${commit ?? 'unknown'}\`). Do not edit: re-run the import.`,
    '',
    "- `tests/`: VRL's own test programs (`lib/tests/tests`), expected results in their comments.",
    `- \`function-examples.json\`: the ${exampleCount} examples of the stdlib functions (their Rust \`examples()\`).`,
    "- `functions.json`: VRL's stdlib function names in VRL's order.",
    '',
    "These files are VRL's, under the Mozilla Public License 2.0 (`LICENSE`), copyright the Vector",
    'and VRL authors (Datadog, Inc.). They are used here unchanged, as test data.',
    '',
  ];
  if (skipped.length > 0) {
    lines.push('Examples the import cannot read statically (their text is computed in Rust):', '');
    for (const example of skipped) lines.push(`- ${example.file}:${example.line}: ${example.reason}`);
    lines.push('');
  }
  return lines.join('\n');
}

main(process.argv.slice(2));
