import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cleanup, run, start, workspace } from './test-helpers/cli.js';

afterEach(cleanup);

/** A pipeline that logs at every level it can: a debug line (the config files), info, a warning. */
const CONFIG = [
  'timezone = "UTC"', // accepted from Vector and ignored with a warning
  '[sources.in]',
  'type = "demo_logs"',
  'format = "json"',
  'count = 2',
  'interval = 0',
  '[sinks.out]',
  'type = "blackhole"',
  'inputs = ["in"]',
  '',
].join('\n');

const NO_LEVEL_FROM_ENVIRONMENT = { SLUICE_LOG: undefined, VECTOR_LOG: undefined };

async function logsOf(args: string[], env: Record<string, string | undefined> = {}) {
  const cwd = await workspace({ 'sluice.toml': CONFIG });
  const result = await run(['--config', 'sluice.toml', ...args], {
    cwd,
    env: { ...NO_LEVEL_FROM_ENVIRONMENT, ...env },
  });
  expect(result.code, result.stderr).toBe(0);
  return result.stderr;
}

/** Which of a debug, an info and a warning line the logs hold. */
function levelsShown(logs: string): string[] {
  return [
    logs.includes('config files:') ? 'debug' : undefined,
    logs.includes('pipeline started') ? 'info' : undefined,
    logs.includes('timezone') ? 'warn' : undefined,
  ].filter((level) => level !== undefined);
}

describe('log levels', () => {
  it('info by default; -v adds debug, -vv trace; -q keeps warnings, -qq errors, -qqq nothing', async () => {
    expect(levelsShown(await logsOf([]))).toEqual(['info', 'warn']);
    expect(levelsShown(await logsOf(['-v']))).toEqual(['debug', 'info', 'warn']);
    expect(levelsShown(await logsOf(['-vv']))).toEqual(['debug', 'info', 'warn']);
    expect(levelsShown(await logsOf(['-q']))).toEqual(['warn']);
    expect(levelsShown(await logsOf(['-qq']))).toEqual([]);
    expect(await logsOf(['-qqq'])).toBe('');
  });

  it('SLUICE_LOG and Vector’s VECTOR_LOG set the level, over -v and -q, SLUICE_LOG first', async () => {
    expect(levelsShown(await logsOf([], { SLUICE_LOG: 'debug' }))).toEqual(['debug', 'info', 'warn']);
    expect(levelsShown(await logsOf([], { VECTOR_LOG: 'warn' }))).toEqual(['warn']);
    expect(levelsShown(await logsOf(['-q'], { VECTOR_LOG: 'info,vector::sources=debug' }))).toEqual([
      'info',
      'warn',
    ]);
    expect(levelsShown(await logsOf(['-v'], { SLUICE_LOG: 'warn', VECTOR_LOG: 'debug' }))).toEqual(['warn']);
  });

  it('refuses a level it does not know, naming the variable (exit 2)', async () => {
    const cwd = await workspace({ 'sluice.toml': CONFIG });
    const result = await run(['--config', 'sluice.toml'], {
      cwd,
      env: { SLUICE_LOG: 'loud', VECTOR_LOG: undefined },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SLUICE_LOG=loud: not a log level');
  });
});

describe('log lines', () => {
  it('JSON: a string level and an RFC 3339 timestamp on every line', async () => {
    const lines = (await logsOf(['--log-format', 'json']))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: unknown; timestamp: string; msg: string });
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines) {
      expect(['info', 'warn']).toContain(line.level);
      expect(line.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Math.abs(Date.parse(line.timestamp) - Date.now())).toBeLessThan(600_000);
    }
    expect(lines.map((line) => line.msg)).toContain('pipeline started');
  });

  it('text: each line starts with its date and time (UTC, RFC 3339) and the level', async () => {
    const lines = (await logsOf([])).trim().split('\n');
    for (const line of lines)
      expect(line).toMatch(/^\[\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\] (INFO|WARN): /);
  });
});

describe('operator events', () => {
  it('are never rate-limited: each reload and each rejected reload is logged when it happens', async () => {
    const cwd = await workspace({
      'sluice.toml':
        '[sources.in]\ntype = "demo_logs"\nformat = "json"\n[sinks.out]\ntype = "blackhole"\ninputs = ["in"]\n',
    });
    const sluice = start(['--config', 'sluice.toml'], { cwd, env: NO_LEVEL_FROM_ENVIRONMENT });
    await sluice.waitFor('pipeline started');
    // Two identical reloads in a row, then two identical refusals: a limiter would hold back the
    // second of each (until its window ends, with a "suppressed" count).
    sluice.child.kill('SIGHUP');
    await sluice.waitFor('config reloaded');
    sluice.child.kill('SIGHUP');
    await sluice.waitFor(/config reloaded[\s\S]*config reloaded/);
    await writeFile(join(cwd, 'sluice.toml'), '[sinks.out]\ntype = "blackhole"\ninputs = ["nowhere"]\n');
    sluice.child.kill('SIGHUP');
    await sluice.waitFor('config reload rejected');
    sluice.child.kill('SIGHUP');
    await sluice.waitFor(/config reload rejected[\s\S]*config reload rejected/);
    const logs = sluice.stderr();
    expect(logs).not.toContain('suppressed');
    expect(logs.match(/received SIGHUP; reloading the config/g)).toHaveLength(4);
    sluice.child.kill('SIGTERM');
    expect(await sluice.exited).toBe(0);
    expect(sluice.stderr().match(/received SIGTERM; shutting down gracefully/g)).toHaveLength(1);
  });
});

describe('output to a reader that stops early', () => {
  it.each([
    ['--help', []],
    ['schema', ['schema']],
  ])('sluice %s | head -1 exits 0, quietly', async (_name, args) => {
    const child = spawn(process.execPath, [BIN, ...(args.length === 0 ? ['--help'] : args)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes before a byte is written: every write of sluice meets a closed pipe (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
