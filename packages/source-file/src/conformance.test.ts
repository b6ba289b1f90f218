import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, testSource } from '@sluice/testkit';
import { afterAll } from 'vitest';
import { type FileSourceOptions, fileSource } from './file-source.js';
import { sourceOptions } from './test-helpers/harness.js';

const root = mkdtempSync(join(tmpdir(), 'sluice-file-conformance-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Each test gets its own directory (files and checkpoints); `produce` appends to its file.
let test = 0;
let current = '';
const produced = new Map<string, number>();

testSource(fileSource, {
  options: (): FileSourceOptions => {
    test += 1;
    current = join(root, `test-${test}`);
    return sourceOptions({ include: [join(current, '*.log')], data_dir: join(current, 'data') });
  },
  context: () => createTestContext({ id: 'conformance_file', dataDir: root }),
  produce: async (count) => {
    mkdirSync(current, { recursive: true });
    const next = produced.get(current) ?? 0;
    let text = '';
    for (let index = next; index < next + count; index += 1) text += `line ${index}\n`;
    appendFileSync(join(current, 'app.log'), text);
    produced.set(current, next + count);
  },
  redelivers: true,
});
