import { readFileSync } from 'node:fs';

/**
 * The default `connection_limit`: half the process's soft open-file limit (`ulimit -n`), so idle
 * clients can never take the descriptors the buffers and sinks need. Vector has no default; a
 * Node process that runs out of descriptors fails in places far from the source. `undefined`
 * (no limit) where the limit is unknown (not Linux) or unlimited.
 */
export function defaultConnectionLimit(limits?: string): number | undefined {
  let text = limits;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const soft = /^Max open files\s+(\d+)/m.exec(text)?.[1];
  return soft === undefined ? undefined : Math.max(1, Math.floor(Number(soft) / 2));
}
