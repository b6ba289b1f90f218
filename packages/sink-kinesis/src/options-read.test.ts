import { fileURLToPath } from 'node:url';
import { unreadOptions } from '@sluice/testkit';
import { expect, it } from 'vitest';
import { kinesisStreamsSink } from './sink.js';

const directory = (path: string) => fileURLToPath(new URL(path, import.meta.url));

it('reads every option its schema documents', () => {
  const readers = [
    directory('.'),
    directory('../../encoding/src'),
    directory('../../sink-kit/src'),
    directory('../../aws/src'),
  ];
  // Documented as accepted without effect: `encoding.csv.capacity` (Vector's buffer size),
  // `encoding.gelf.max_chunk_size` (UDP chunking) and `encoding.metric_tag_values` (metrics only).
  const compatibility = ['capacity', 'max_chunk_size', 'metric_tag_values'];
  expect(unreadOptions(kinesisStreamsSink.optionsSchema, readers, compatibility)).toEqual([]);
});
