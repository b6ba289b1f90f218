/** Writes `docs/reference/*.md` from the built-in components' JSON Schemas (`pnpm docs:reference`). */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { builtinRegistry } from './builtins.js';
import { renderReferencePages } from './reference.js';

export const REFERENCE_DIRECTORY = fileURLToPath(new URL('../../../docs/reference/', import.meta.url));

const pages = renderReferencePages(await builtinRegistry().loadAll());
await mkdir(REFERENCE_DIRECTORY, { recursive: true });
for (const [name, text] of pages) await writeFile(new URL(name, `file://${REFERENCE_DIRECTORY}`), text);
process.stdout.write(`wrote ${[...pages.keys()].join(', ')} to docs/reference/\n`);
