import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeKinesis } from '@sluice/sink-kinesis/testing';
import { expect, it } from 'vitest';
import { EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';
import { main } from './main.js';

/** Handles by type, without the ones every process has (stdio, this test's own timers). */
function handles(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** Sockets the fake Kinesis accepted that are still open (node's own list of handles). */
function fakeServerSockets(port: string): number {
  const active = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return active.filter((handle) => {
    const socket = handle as { localPort?: number; server?: unknown };
    return socket.server != null && String(socket.localPort) === port;
  }).length;
}

it('a run ends with no handle left open (the CLI needs no process.exit): Kinesis client sockets, timers, files', async () => {
  const fake = new FakeKinesis();
  const endpoint = await fake.start();
  const directory = await mkdtemp(join(tmpdir(), 'sluice-handles-'));
  try {
    const config = join(directory, 'sluice.toml');
    await writeFile(
      config,
      [
        '[sources.in]',
        'type = "demo_logs"',
        'format = "json"',
        'interval = 0',
        'count = 50',
        '[sinks.k]',
        'type = "aws_kinesis_streams"',
        'inputs = ["in"]',
        'stream_name = "s"',
        'region = "us-east-1"',
        `endpoint = "${endpoint}"`,
        'auth.access_key_id = "AKIDTEST"',
        'auth.secret_access_key = "secret"',
        '[sinks.kept]',
        'type = "file"',
        'inputs = ["k.rejected"]',
        `path = "${join(directory, 'rejected.ndjson')}"`,
      ].join('\n'),
    );
    const before = handles();
    const io: Io = {
      stdout: () => {},
      stderr: () => {},
      environment: {},
      cwd: directory,
      signals: new EventEmitter(),
      exit: () => {
        throw new Error('the run must end without exit()');
      },
    };
    expect(await main(['run', '--quiet', '--config', config], io)).toBe(EXIT_OK);
    // What is still open now would hold a process without process.exit.
    const after = handles();
    // The fake's side of a connection the sink closed goes away when the FIN arrives: not ours.
    const fakeSide = fakeServerSockets(new URL(endpoint).port);
    after.set('TCPSocketWrap', (after.get('TCPSocketWrap') ?? 0) - fakeSide);
    const left = [...after].filter(([type, count]) => count > (before.get(type) ?? 0));
    expect(left).toEqual([]);
  } finally {
    await fake.stop();
    await rm(directory, { recursive: true, force: true });
  }
});
