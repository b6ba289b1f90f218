import { lstat, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Logger } from '@sluice/component-api';

/** How long a connection to an existing socket file may take before it counts as answered. */
const PROBE_TIMEOUT_MS = 2_000;

/** Whether a process accepts connections on the socket at `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(true);
    }, PROBE_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // Refused: a socket file whose process is gone. Anything else: someone may own it.
      resolve(error.code !== 'ECONNREFUSED' && error.code !== 'ENOENT');
    });
  });
}

/**
 * Makes `path` free for a unix stream socket. A socket file nobody accepts on (left by a process
 * that crashed, or was killed, before removing it) is removed, with a warning; a socket something
 * answers on, or a path that is not a socket, is refused and left alone. Vector fails to start on
 * a stale file (EADDRINUSE) until someone removes it by hand.
 */
export async function claimSocketPath(path: string, logger: Logger): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = (await lstat(path)).isSocket();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!isSocket)
    throw new Error(`${path} exists and is not a socket; it is left alone: remove it or choose another path`);
  if (await answers(path)) throw new Error(`${path} is in use: another process accepts connections on it`);
  await rm(path, { force: true });
  logger.warn(
    `removed a stale socket file at ${path}: nothing accepts on it (left by a process that stopped)`,
    {
      path,
    },
  );
}
