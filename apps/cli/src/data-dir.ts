import { constants } from 'node:fs';
import { access, mkdir, stat, statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError } from '@sluice/component-api';

/**
 * Linux pseudo file systems (proc, sysfs, cgroup, debugfs, tracefs, securityfs, configfs, bpf,
 * devpts): nothing can be buffered there, and a recursive mkdir under /proc never returns.
 */
const PSEUDO_FILE_SYSTEMS = new Set([
  0x9fa0, 0x62656572, 0x27e0eb, 0x63677270, 0x64626720, 0x74726163, 0x73636673, 0x62656570, 0xcafe4a11,
  0x1cd1,
]);

/** The deepest existing directory on the way to `path` (itself when it exists). */
async function nearestExisting(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch {
      const parent = dirname(current);
      if (parent === current) return current;
      current = parent;
    }
  }
}

/**
 * Checks, before any buffer opens, that `data_dir` is a writable directory on a real file system
 * (creating it if needed); a config error naming the file and `data_dir` otherwise.
 */
export async function checkDataDir(dataDir: string, cwd: string, file: string | undefined): Promise<void> {
  const directory = resolve(cwd, dataDir);
  const fail = (reason: string) =>
    new ConfigError([
      { file, path: 'data_dir', message: `cannot keep disk buffers in "${dataDir}": ${reason}` },
    ]);
  const existing = await nearestExisting(directory);
  if (process.platform === 'linux') {
    const { type } = await statfs(existing);
    if (PSEUDO_FILE_SYSTEMS.has(type)) throw fail('it is on a pseudo file system (such as /proc or /sys)');
  }
  if (existing === directory && !(await stat(directory)).isDirectory()) throw fail('it is not a directory');
  try {
    await mkdir(directory, { recursive: true });
    await access(directory, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (error) {
    throw fail((error as Error).message);
  }
}
