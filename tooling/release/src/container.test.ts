import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { type ImageEntry, tarOf } from './container.js';

async function headersOf(
  tar: Buffer,
): Promise<Array<{ name: string; uid: number; mode: number; mtime: number }>> {
  const reader = extract();
  const headers: Array<{ name: string; uid: number; mode: number; mtime: number }> = [];
  reader.on('entry', (header, stream, next) => {
    headers.push({
      name: header.name,
      uid: header.uid ?? -1,
      mode: header.mode ?? -1,
      mtime: header.mtime?.getTime() ?? -1,
    });
    stream.on('end', next);
    stream.resume();
  });
  const finished = new Promise<void>((resolve) => reader.on('finish', () => resolve()));
  reader.end(tar);
  await finished;
  return headers;
}

describe('tarOf', () => {
  const entries: ImageEntry[] = [
    { path: '/var/lib/sluice', type: 'directory', mode: 0o750, uid: 10001, gid: 10001 },
    { path: '/usr/bin/sluice', type: 'file', mode: 0o755, content: Buffer.from('binary') },
    { path: '/usr', type: 'directory', mode: 0o755 },
    { path: '/usr/bin', type: 'directory', mode: 0o755 },
  ];

  it('writes the same bytes for the same entries, in any order', async () => {
    expect((await tarOf(entries)).equals(await tarOf([...entries].reverse()))).toBe(true);
  });

  it('sorts parents before their contents, owns what it is told (root otherwise), dates everything 1970', async () => {
    expect(await headersOf(await tarOf(entries))).toEqual([
      { name: 'usr', uid: 0, mode: 0o755, mtime: 0 },
      { name: 'usr/bin', uid: 0, mode: 0o755, mtime: 0 },
      { name: 'usr/bin/sluice', uid: 0, mode: 0o755, mtime: 0 },
      { name: 'var/lib/sluice', uid: 10001, mode: 0o750, mtime: 0 },
    ]);
  });
});
