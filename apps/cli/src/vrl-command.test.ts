import { EventEmitter } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from './io.js';
import { main } from './main.js';

const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

async function files(contents: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'sluice-vrl-'));
  directories.push(directory);
  for (const [name, text] of Object.entries(contents)) await writeFile(join(directory, name), text);
  return directory;
}

/** `sluice vrl …` in this process, standard input given as text. */
async function vrl(argv: string[], standardInput = '', cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    environment: {},
    cwd,
    signals: new EventEmitter(),
    exit: () => {},
    readStandardInput: async () => standardInput,
  };
  const code = await main(['vrl', ...argv], io);
  return { code, stdout, stderr };
}

describe("sluice vrl: Vector's VRL command line", () => {
  it('runs the program over each line of the input: its value on stdout, or the error on stderr', async () => {
    const input = '{"n": "1"}\n{"n": "x"}\n{"n": "3"}\n';
    expect(await vrl(['.n = to_int!(.n)\n.n * 2'], input)).toEqual({
      code: 0,
      stdout: '2\n6\n',
      stderr:
        'function call error for "to_int" at (5:16): Invalid integer "x": invalid digit found in string\n',
    });
  });

  it('--print-object prints the event after the program, as VRL prints values; . = [..] prints the array', async () => {
    const input = '{"message": "a b", "ts": "x", "f": 1.5}\n';
    expect(
      await vrl(['--print-object', '.words = split(string!(.message), " ")\n.whole = 2.0\ndel(.ts)'], input),
    ).toEqual({
      code: 0,
      stdout: '{ "f": 1.5, "message": "a b", "whole": 2, "words": ["a", "b"] }\n',
      stderr: '',
    });
    expect((await vrl(['-o', '. = [1, {"a": true}]'], '{}')).stdout).toBe('[1, { "a": true }]\n');
  });

  it('no input is one empty event; an abort prints its message', async () => {
    expect((await vrl(['.a = 1\n.'])).stdout).toBe('{ "a": 1 }\n');
    expect((await vrl(['abort "stop"'])).stderr).toBe('stop\n');
  });

  it('--program and --input read files; --timezone takes a TZ database name', async () => {
    const cwd = await files({ 'program.vrl': '.seen = true', 'events.ndjson': '{"a": 1}\n{"a": 2}' });
    expect(
      await vrl(
        ['-p', 'program.vrl', '-i', 'events.ndjson', '--print-object', '-z', 'Europe/Paris'],
        '',
        cwd,
      ),
    ).toEqual({
      code: 0,
      stdout: '{ "a": 1, "seen": true }\n{ "a": 2, "seen": true }\n',
      stderr: '',
    });
  });

  it("a program that does not compile exits 70 with VRL's diagnostics; so do a bad time zone and bad input", async () => {
    const refused = await vrl(['. = parse_json(.message)']);
    expect(refused.code).toBe(70);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^\nerror\[E103\]: unhandled fallible assignment\n {2}┌─ :1:5\n/);
    expect(await vrl(['-z', 'Mars/Olympus', '.'])).toEqual({
      code: 70,
      stdout: '',
      stderr: 'unable to parse timezone: Mars/Olympus\n',
    });
    const input = await vrl(['.'], '{"a": 1}\nnot json\n');
    expect([input.code, input.stdout]).toEqual([70, '']);
    expect(input.stderr).toBe('input error: expected ident at line 1 column 2\n');
  });

  it('a program is needed (there is no REPL); not both an argument and --program', async () => {
    expect(await vrl([])).toEqual({
      code: 70,
      stdout: '',
      stderr: 'repl feature disabled, program input required\n',
    });
    const both = await vrl(['.', '--program', 'x.vrl']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("the argument '[program]' cannot be used with '--program <file>'");
  });

  it('--print-warnings prints the compiler warnings before the results', async () => {
    const { stderr, stdout } = await vrl(['--print-warnings', '"unused"\n.a = 1\n.a']);
    expect(stdout).toBe('1\n');
    expect(stderr).toMatch(/^\nwarning\[E900\]: unused literal `"unused"`/);
  });
});
