import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinRegistry } from './builtins.js';
import { renderReferencePages } from './reference.js';
import { LOADS_EVERY_COMPONENT_MS } from './test-helpers/timeouts.js';

const directory = fileURLToPath(new URL('../../../docs/reference/', import.meta.url));

describe('docs/reference', () => {
  it(
    "is up to date with the components' JSON Schemas (run `pnpm docs:reference` when this fails)",
    async () => {
      const pages = renderReferencePages(await builtinRegistry().loadAll());
      expect([...pages.keys()].sort()).toEqual(['buffers.md', 'sinks.md', 'sources.md', 'transforms.md']);
      for (const [name, text] of pages) {
        const committed = await readFile(`${directory}${name}`, 'utf8').catch(() => '(missing)');
        expect(committed, `docs/reference/${name} is stale`).toBe(text);
      }
    },
    LOADS_EVERY_COMPONENT_MS,
  );

  it('documents every option with its default', () => {
    const pages = renderReferencePages([
      {
        specificationVersion: 1,
        kind: 'sink',
        type: 'example',
        description: 'An example.',
        optionsSchema: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', description: 'The name.' },
            batch: {
              type: 'object',
              description: 'Batching.',
              properties: { size: { type: 'integer', default: 5, description: 'Size.' } },
            },
          },
        },
        deprecatedOptions: { batch_size: 'batch.size' },
        create: () => ({ run: async () => {} }),
      },
    ]);
    const page = pages.get('sinks.md') ?? '';
    expect(page).toContain('| `name` (required) | string |  | The name. |');
    expect(page).toContain('| `batch.size` | integer | `5` | Size. |');
    expect(page).toContain('- `batch_size` → `batch.size`');
  });
});
