import { fileURLToPath } from 'node:url';
import { unreadOptions } from '@sluice/testkit';
import { describe, expect, it } from 'vitest';
import { demoLogsSource } from './demo-logs.js';
import { fileSink } from './file-sink.js';
import { blackholeSink, consoleSink } from './sinks.js';
import { stdinSource } from './stdin.js';
import { addFieldsTransform, parseJsonTransform, removeFieldsTransform } from './transforms.js';

const directory = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const readers = [directory('.'), directory('../../encoding/src')];
/**
 * Accepted for Vector compatibility and documented so: `decoding.<codec>.lossy` (decoding is always
 * lossy), the codec tables that hold only it, `encoding.csv.capacity` (Vector's buffer size),
 * `encoding.gelf.max_chunk_size` (UDP chunking) and `encoding.metric_tag_values` (metrics only).
 */
const compatibility = ['lossy', 'native_json', 'syslog', 'capacity', 'max_chunk_size', 'metric_tag_values'];

describe('every option a schema documents is read', () => {
  for (const definition of [
    demoLogsSource,
    stdinSource,
    addFieldsTransform,
    removeFieldsTransform,
    parseJsonTransform,
    consoleSink,
    blackholeSink,
    fileSink,
  ])
    it(definition.type, () => {
      expect(unreadOptions(definition.optionsSchema, readers, compatibility)).toEqual([]);
    });
});
