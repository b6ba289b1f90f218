import { fileURLToPath } from 'node:url';
import { unreadOptions } from '@sluice/testkit';
import { expect, it } from 'vitest';
import { httpSink } from './sink.js';

const directory = (path: string) => fileURLToPath(new URL(path, import.meta.url));

it('reads every option its schema documents', () => {
  const readers = [
    directory('.'),
    directory('../../encoding/src'),
    directory('../../sink-kit/src'),
    directory('../../sink-kit/src/http'),
    directory('../../aws/src'),
  ];
  expect(unreadOptions(httpSink.optionsSchema, readers)).toEqual([]);
});
