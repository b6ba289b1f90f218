import { fileURLToPath } from 'node:url';
import { unreadOptions } from '@sluice/testkit';
import { expect, it } from 'vitest';
import { kinesisStreamsSink } from './sink.js';

const directory = (path: string) => fileURLToPath(new URL(path, import.meta.url));

it('reads every option its schema documents', () => {
  const readers = [directory('.'), directory('../../encoding/src'), directory('../../sink-kit/src')];
  // `encoding.csv.capacity` is Vector's buffer size, documented as accepted and not needed.
  expect(unreadOptions(kinesisStreamsSink.optionsSchema, readers, ['capacity'])).toEqual([]);
});
