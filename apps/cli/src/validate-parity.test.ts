import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, errorCatalogue, type KnownErrorCode, SluiceError } from '@sluice/component-api';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CONFIG, EXIT_FAILURE } from './exit-codes.js';
import type { Io } from './io.js';
import { main } from './main.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

async function sluice(argv: string[]) {
  let stderr = '';
  const io: Io = {
    stdout: () => {},
    stderr: (text) => {
      stderr += text;
    },
    environment: {},
    cwd: process.cwd(),
    signals: new EventEmitter(),
    exit: () => {},
  };
  const code = await main(argv, io);
  // The refusals only; a run may log other lines.
  const errors = stderr.split('\n').filter((line) => line.startsWith('error: '));
  return { code, errors };
}

const source = '[sources.in]\ntype = "demo_logs"\nformat = "json"\ncount = 1\n';
const sink = (options: string) => `[sinks.out]\ninputs = ["in"]\n${options}\n`;

/**
 * Configs whose options only `create` used to refuse. Each is refused by `validate
 * --no-environment` with the same message and path as `run` (both before any I/O).
 */
const cases: Array<{ name: string; config: (directory: string) => string; problem: RegExp }> = [
  {
    name: 'a disk buffer max_size below two data files and the ledger',
    config: (directory) =>
      `data_dir = "${directory}"\n${source}${sink('type = "blackhole"\n[[sinks.out.buffer]]\ntype = "memory"\nwhen_full = "overflow"\n[[sinks.out.buffer]]\ntype = "disk"\nmax_size = 1000')}`,
    problem:
      /sinks\.out\.buffer\[1\]\.max_size: sink "out", buffer stage 1: must be at least 268435488 bytes/,
  },
  {
    name: 'a disk buffer without data_dir',
    config: () =>
      `${source}${sink('type = "blackhole"\n[sinks.out.buffer]\ntype = "disk"\nmax_size = 268435488')}`,
    problem: /sinks\.out\.buffer\.type: sink "out", buffer stage 0: a disk buffer needs the global data_dir/,
  },
  {
    name: 'a socket address that is not ip:port',
    config: () =>
      `[sources.in]\ntype = "socket"\nmode = "tcp"\naddress = "localhost"\n${sink('type = "blackhole"')}`,
    problem: /sources\.in\.address: must be "ip:port" \(got "localhost"\)/,
  },
  {
    name: 'an unsupported socket mode',
    config: () =>
      `[sources.in]\ntype = "socket"\nmode = "udp"\naddress = "127.0.0.1:0"\n${sink('type = "blackhole"')}`,
    problem: /sources\.in\.mode: "udp" is not supported by Sluice yet/,
  },
  {
    name: 'a unix socket without path',
    config: () => `[sources.in]\ntype = "socket"\nmode = "unix_stream"\n${sink('type = "blackhole"')}`,
    problem: /sources\.in\.path: is required with mode = "unix_stream"/,
  },
  {
    name: 'a permit_origin entry that is not a CIDR',
    config: () =>
      `[sources.in]\ntype = "socket"\nmode = "tcp"\naddress = "127.0.0.1:0"\npermit_origin = ["nonsense/99"]\n${sink('type = "blackhole"')}`,
    problem: /sources\.in\.permit_origin\[0\]: must be a CIDR/,
  },
  {
    name: 'TLS enabled without a certificate',
    config: () =>
      `[sources.in]\ntype = "socket"\nmode = "tcp"\naddress = "127.0.0.1:0"\ntls.enabled = true\n${sink('type = "blackhole"')}`,
    problem: /sources\.in\.tls\.crt_file: a TLS server needs a certificate/,
  },
  {
    name: 'the csv codec without fields',
    config: () => `${source}${sink('type = "console"\nencoding.codec = "csv"')}`,
    problem: /sinks\.out\.encoding\.csv\.fields: the csv codec needs at least one field/,
  },
  {
    name: 'an http uri that is not a URL',
    config: () => `${source}${sink('type = "http"\nuri = "http://exa mple.com/"')}`,
    problem: /sinks\.out\.uri: is not a URL/,
  },
];

describe('validate --no-environment refuses what run refuses for the config alone', () => {
  for (const { name, config, problem } of cases) {
    it(name, async () => {
      const directory = await mkdtemp(join(tmpdir(), 'sluice-parity-'));
      directories.push(directory);
      const path = join(directory, 'sluice.toml');
      await writeFile(path, config(directory));
      const validated = await sluice(['validate', '--no-environment', '--config', path]);
      const run = await sluice(['run', '--config', path]);
      expect(validated.code).toBe(EXIT_CONFIG);
      expect(validated.errors.some((line) => problem.test(line))).toBe(true);
      expect(run.code).toBe(EXIT_CONFIG);
      expect(run.errors).toEqual(validated.errors);
    });
  }
});

describe('exit codes', () => {
  it('derive from the category of the error code', async () => {
    const { reportError } = await import('./report-error.js');
    const io = { stderr: () => {} } as unknown as Io;
    const exitOf = (code: KnownErrorCode) => reportError(new SluiceError(code, 'x'), io, false, 10);
    for (const [name, entry] of Object.entries(errorCatalogue)) {
      const expected = ['config', 'plugin', 'environment'].includes(entry.category)
        ? EXIT_CONFIG
        : EXIT_FAILURE;
      expect([name, exitOf(entry.code)]).toEqual([name, expected]);
    }
    // As documented: a locked disk buffer is a config-level refusal (78), a component failure is 1.
    expect(exitOf(ErrorCode.bufferLocked)).toBe(78);
    expect(exitOf(ErrorCode.componentFailed)).toBe(1);
  });
});
