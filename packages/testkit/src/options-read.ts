import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from '@sluice/component-api';

/** Every property name a schema documents, nested tables and `oneOf`/`anyOf` branches included. */
export function schemaOptionNames(schema: JsonSchema): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    const table = node as Record<string, unknown>;
    const properties = table.properties as Record<string, unknown> | undefined;
    if (properties !== undefined && typeof properties === 'object') {
      for (const [name, child] of Object.entries(properties)) {
        names.add(name);
        walk(child);
      }
    }
    for (const keyword of ['items', 'oneOf', 'anyOf', 'allOf', 'then', 'else']) {
      const value = table[keyword];
      if (Array.isArray(value)) for (const branch of value) walk(branch);
      else walk(value);
    }
  };
  walk(schema);
  return names;
}

/** The text of every non-test TypeScript file under `directory`. */
function sourcesUnder(directory: string): string {
  let text = '';
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) text += sourcesUnder(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      text += readFileSync(path, 'utf8');
  }
  return text;
}

/**
 * The options a schema documents that the code never reads: a name is read where it is accessed
 * (`.name`, `?.name`, `['name']`) or destructured (`{ name, … } =`); its declarations in the schema
 * and the options interface (`name: …`) do not count. An option documented but never read is a
 * promise the component does not keep; list in `ignored` those accepted on purpose for
 * compatibility and documented as ignored.
 */
export function unreadOptions(
  schema: JsonSchema,
  sourceDirectories: readonly string[],
  ignored: readonly string[] = [],
): string[] {
  const text = sourceDirectories.map(sourcesUnder).join('\n');
  return [...schemaOptionNames(schema)].filter((name) => {
    if (ignored.includes(name)) return false;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const read = new RegExp(`\\.${escaped}\\b|\\['${escaped}'\\]|[{,]\\s*${escaped}\\s*[,}]`);
    return !read.test(text);
  });
}
