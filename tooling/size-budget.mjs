/**
 * A soft size budget: warns of source files over 400 lines and functions over 120 lines (tests
 * left out), so a file or function that does several jobs shows in CI. Never fails the build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const FILE_LINES = 400;
const FUNCTION_LINES = 120;
const root = new URL('..', import.meta.url).pathname;
const skip = new Set(['node_modules', 'dist', 'coverage', '.turbo']);

function* sources(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name)) yield path;
  }
}

const warnings = [];
for (const top of ['packages', 'apps', 'tooling', 'examples'])
  for (const path of sources(join(root, top))) {
    if (!path.includes(`${join('/', 'src', '/')}`)) continue;
    const text = readFileSync(path, 'utf8');
    const file = relative(root, path);
    const lines = text.split('\n').length;
    if (lines > FILE_LINES) warnings.push(`${file}: ${lines} lines (budget ${FILE_LINES})`);
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
        const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        if (end - start + 1 > FUNCTION_LINES) {
          const name = node.name?.getText(source) ?? '(anonymous)';
          warnings.push(
            `${file}:${start + 1}: function ${name} is ${end - start + 1} lines (budget ${FUNCTION_LINES})`,
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
for (const warning of warnings) process.stdout.write(`size budget: ${warning}\n`);
process.stdout.write(`size budget: ${warnings.length} over budget (warnings only)\n`);
