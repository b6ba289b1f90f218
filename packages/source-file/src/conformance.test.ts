import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, testSource } from '@sluice/testkit';
import { afterAll } from 'vitest';
import { type FileSourceOptions, fileSource } from './file-source.js';

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
    return {
      include: [join(current, '*.log')],
      exclude: [],
      file_key: 'file',
      read_from: 'beginning',
      max_line_bytes: 102_400,
      max_read_bytes: 2048,
      line_delimiter: '\n',
      glob_minimum_cooldown_ms: 20,
      ignore_not_found: false,
      multi_line_timeout: 1000,
      oldest_first: false,
      data_dir: join(current, 'data'),
    };
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
