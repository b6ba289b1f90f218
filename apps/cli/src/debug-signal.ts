import { createServer } from 'node:net';

/*
 * Node opens its inspector (an unauthenticated debugger on 127.0.0.1:9229) when the process gets
 * SIGUSR1: any local user allowed to signal a root-run sluice could then run code inside it and
 * read its credentials. Sluice never opens a debugger on a signal. Loaded by `bin.ts` before
 * anything else, so it imports only `node:net`.
 */

const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** Until a command gives SIGUSR1 its meaning (`run` logs what the pipeline holds), it is ignored. */
function ignore(): void {}

/**
 * Takes SIGUSR1 away from Node's inspector. From Node 22 a listener of our own replaces Node's
 * handler (checked on 22, 24 and 26, and in the single executable). On Node 20 Node's handler
 * still runs: there the port the inspector would listen on is taken first, by a server of ours that
 * accepts nothing, so the inspector fails to start ("address already in use") and nothing else is
 * reachable. Returns the port held, if any.
 */
export function guardDebugSignal(
  target: NodeJS.Process = process,
  nodeMajor = NODE_MAJOR,
): Promise<number | undefined> {
  target.on('SIGUSR1', ignore);
  if (nodeMajor >= 22) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.on('error', () => resolve(undefined));
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return resolve(undefined);
      target.debugPort = address.port;
      // Held for the life of the process, without keeping it alive.
      server.unref();
      resolve(address.port);
    });
  });
}
