import { fileURLToPath } from 'node:url';
import { unreadOptions } from '@sluice/testkit';
import { expect, it } from 'vitest';
import { firehoseSink } from './sink.js';

const directory = (path: string) => fileURLToPath(new URL(path, import.meta.url));

it('reads every option its schema documents (partition_key_field is accepted on purpose, no effect)', () => {
  const readers = [
    directory('.'),
    directory('../../encoding/src'),
    directory('../../sink-kit/src'),
    directory('../../aws/src'),
  ];
  expect(
    unreadOptions(firehoseSink.optionsSchema, readers, [
      'partition_key_field',
      // accepted for Vector compatibility by the encoding, documented as no effect
      'capacity',
      'max_chunk_size',
      'metric_tag_values',
    ]),
  ).toEqual([]);
});
