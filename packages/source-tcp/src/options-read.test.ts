import { fileURLToPath } from 'node:url';
import { unreadOptions } from '@sluice/testkit';
import { expect, it } from 'vitest';
import { socketSource } from './tcp-source.js';

const directory = (path: string) => fileURLToPath(new URL(path, import.meta.url));

it('reads every option its schema documents', () => {
  const readers = [directory('.'), directory('../../encoding/src')];
  // Accepted for Vector compatibility and documented so: `decoding.<codec>.lossy` (decoding is always
  // lossy) and the codec tables that hold only it; `tls.verify_hostname` and `tls.server_name` (client options in Vector).
  const compatibility = ['lossy', 'native_json', 'syslog', 'verify_hostname', 'server_name'];
  expect(unreadOptions(socketSource.optionsSchema, readers, compatibility)).toEqual([]);
});
