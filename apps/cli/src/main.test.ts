import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closest } from './did-you-mean.js';
import { EXIT_CONFIG, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { type Io, useColor } from './io.js';
import { main } from './main.js';
import { LOADS_EVERY_COMPONENT_MS } from './test-helpers/timeouts.js';
import { version } from './version.js';

const directories: string[] = [];
afterEach(async () => {
  await Promise.all(
    directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true })),
  );
});

async function sluice(argv: string[], environment: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    environment,
    cwd: process.cwd(),
    signals: new EventEmitter(),
    exit: () => {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const valid = `[sources.in]\ntype = "stdin"\n[sinks.out]\ntype = "blackhole"\ninputs = ["in"]\n`;

async function configFile(text: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-main-'));
  directories.push(directory);
  const path = join(directory, 'sluice.toml');
  await writeFile(path, text);
  return path;
}

describe('the sluice command line', () => {
  it('a mistyped command says so and suggests the close one (exit 2), instead of "too many arguments"', async () => {
    const result = await sluice(['runn']);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/unknown command 'runn' \(did you mean 'run'\?\)/);
    expect(result.stderr).not.toMatch(/too many arguments/);
    expect((await sluice(['xyzzy'])).stderr).toMatch(/unknown command 'xyzzy'; commands: run, validate/);
    expect(await closest('valdiate', ['run', 'validate', 'top'])).toBe('validate');
    expect(await closest('qq', ['run', 'validate', 'top'])).toBeUndefined();
  });

  it('validate takes config paths as arguments, like `vector validate`', async () => {
    const path = await configFile(valid);
    const result = await sluice(['validate', '--no-environment', path]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/config is valid \(1 sources, 0 transforms, 1 sinks\)/);
  });

  it('run --help shows the global options, -c/--config among them, and the exit codes', async () => {
    const result = await sluice(['run', '--help']);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/-c, --config <path>/);
    const top = await sluice(['--help']);
    expect(top.stdout).toMatch(/Exit codes:[\s\S]*2 {3}usage error[\s\S]*78 {2}config error/);
  });

  it('-V and --version print the version', async () => {
    for (const flag of ['-V', '--version']) {
      const result = await sluice([flag]);
      expect(result.code).toBe(EXIT_OK);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });

  it('--color takes auto, always or never; auto follows NO_COLOR, FORCE_COLOR and the terminal', async () => {
    expect((await sluice(['--color', 'sometimes', '--version'])).code).toBe(EXIT_USAGE);
    expect((await sluice(['--color', 'never', '--version'])).code).toBe(EXIT_OK);
    const io = (environment: NodeJS.ProcessEnv, terminal: boolean) =>
      ({ environment, stderrIsTerminal: terminal }) as unknown as Io;
    expect(useColor('always', io({}, false))).toBe(true);
    expect(useColor('never', io({}, true))).toBe(false);
    expect(useColor('auto', io({}, true))).toBe(true);
    expect(useColor('auto', io({}, false))).toBe(false);
    expect(useColor('auto', io({ NO_COLOR: '1' }, true))).toBe(false);
    expect(useColor('auto', io({ FORCE_COLOR: '1' }, false))).toBe(true);
  });

  it('a bad option value is refused with the value named (exit 2)', async () => {
    const result = await sluice(['--graceful-shutdown-limit-secs', 'abc', 'validate']);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/--graceful-shutdown-limit-secs <seconds>' argument 'abc' is invalid/);
    expect((await sluice(['--graceful-shutdown-limit-secs', '-5'])).code).toBe(EXIT_USAGE);
    expect((await sluice(['demo', '--port', '70000'])).code).toBe(EXIT_USAGE);
  });

  it('top takes its interval in milliseconds (at least 100, as Vector) and a column to sort by', async () => {
    const fast = await sluice(['top', '-i', '50', '--once']);
    expect(fast.code).toBe(EXIT_USAGE);
    expect(fast.stderr).toContain('must be at least 100 milliseconds');
    const unknown = await sluice(['top', '--sort-field', 'latency', '--once']);
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.stderr).toContain('--sort-field latency: not a column (id, kind, type, events in');
  });

  it('validate --deny-warnings fails (78) on a warning that validate alone lets pass', async () => {
    const path = await configFile(`timezone = "UTC"\n${valid}`);
    expect((await sluice(['validate', '--no-environment', path])).code).toBe(EXIT_OK);
    const denied = await sluice(['validate', '--no-environment', '--deny-warnings', path]);
    expect(denied.code).toBe(EXIT_CONFIG);
    expect(denied.stderr).toBe('error: 1 warning, denied (--deny-warnings)\n');
    expect((await sluice(['validate', '--no-environment', '-d', await configFile(valid)])).code).toBe(
      EXIT_OK,
    );
  });

  it(
    "list --format json: the type names, as Vector's, and the buffers",
    async () => {
      const result = await sluice(['list', '--format', 'json']);
      expect(result.code).toBe(EXIT_OK);
      const listed = JSON.parse(result.stdout) as Record<string, string[]>;
      expect(Object.keys(listed)).toEqual(['sources', 'transforms', 'sinks', 'enrichment_tables', 'buffers']);
      expect(listed.sources).toContain('socket');
      expect(listed.transforms).toContain('add_fields');
      expect(listed.sinks).toContain('aws_kinesis_streams');
      expect(listed.buffers).toEqual(['disk', 'memory']);
    },
    LOADS_EVERY_COMPONENT_MS,
  );

  it('exit codes: usage errors 2, config errors stay 78', async () => {
    expect((await sluice(['--no-such-option'])).code).toBe(EXIT_USAGE);
    const broken = await configFile(`[sinks.out]\ntype = "blackhole"\ninputs = ["nowhere"]\n`);
    const result = await sluice(['validate', '--no-environment', broken]);
    expect(result.code).toBe(EXIT_CONFIG);
  });

  it('generate prints a skeleton from component types that validates; an unknown type is a usage error', async () => {
    const generated = await sluice(['generate', 'demo_logs/add_fields,parse_json/console,blackhole']);
    expect(generated.code).toBe(EXIT_OK);
    expect(generated.stdout).toMatch(
      /\[transforms\.transform1\]\ntype = "parse_json"\ninputs = \["transform0"\]/,
    );
    expect(generated.stdout).toMatch(/\[sinks\.sink1\]\ntype = "blackhole"\ninputs = \["transform1"\]/);
    const path = await configFile((await sluice(['generate', 'demo_logs//blackhole'])).stdout);
    expect((await sluice(['validate', '--no-environment', path])).code).toBe(EXIT_OK);
    const unknown = await sluice(['generate', 'sokcet//console']);
    expect(unknown.code).toBe(EXIT_USAGE);
    expect(unknown.stderr).toMatch(/unknown source type 'sokcet' \(did you mean 'socket'\?\)/);
  });
});
