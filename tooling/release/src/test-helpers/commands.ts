import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result to assert on, not a throw. */
export async function command(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Result> {
  try {
    const { stdout, stderr } = await run(file, args, {
      ...options,
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : -1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

export async function emptyDirectory(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Lines of JSON objects in a command's output. */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as unknown);
}

/**
 * The single executable installed as the README says (`install -m 755 … <dir on PATH>/sluice`) in a
 * directory of its own, and an environment whose PATH finds it first and has no Node.js.
 */
export async function installOnPath(executable: string): Promise<{ directory: string; path: string }> {
  const directory = await emptyDirectory('sluice-bin-');
  const installed = await command('install', ['-m', '755', executable, join(directory, 'sluice')]);
  if (installed.code !== 0) throw new Error(`install: ${installed.stderr}`);
  return { directory, path: `${directory}:/usr/bin:/bin` };
}
