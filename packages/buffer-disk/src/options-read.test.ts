import { fileURLToPath } from 'node:url';
import { unreadOptions } from '@sluice/testkit';
import { expect, it } from 'vitest';
import { diskBufferDefinition } from './definition.js';

it('reads every option its schema documents', () => {
  const readers = [fileURLToPath(new URL('.', import.meta.url))];
  expect(unreadOptions(diskBufferDefinition.optionsSchema, readers)).toEqual([]);
});
