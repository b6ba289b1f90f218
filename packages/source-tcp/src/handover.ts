import type { Server, Socket } from 'node:net';

/** A listening server given up by a stopping instance, with the connections it accepted since. */
export interface HandedServer {
  server: Server;
  /** Accepted after the hand-over, paused, for the successor to read. */
  waiting: Socket[];
  /** Stops queueing: the successor takes the server and the queue from here. */
  release(): void;
}

/** An instance that would listen where another one listens now (a reload replaces a source). */
interface Successor {
  handed: HandedServer | undefined;
}

/**
 * Listening servers handed from a stopping socket source to the one replacing it on a reload, so the
 * port (or socket file) never stops accepting: by where they listen and how (TLS, buffer sizes),
 * within this process. The newest instance built for an address is the one that gets it.
 */
const successors = new Map<string, Successor>();

/** Called when an instance is created: it takes over a server given up for `key` before it runs. */
export function awaitHandOver(key: string): {
  /** The server handed over (at most once), or undefined: listen afresh. */
  take(): HandedServer | undefined;
  /** The instance will not run (closed): a server handed to it is closed, its queue dropped. */
  withdraw(): void;
} {
  const successor: Successor = { handed: undefined };
  successors.set(key, successor);
  const forget = () => {
    if (successors.get(key) === successor) successors.delete(key);
  };
  return {
    take() {
      forget();
      const handed = successor.handed;
      successor.handed = undefined;
      return handed;
    },
    withdraw() {
      forget();
      const handed = successor.handed;
      successor.handed = undefined;
      if (handed === undefined) return;
      handed.release();
      for (const socket of handed.waiting) socket.destroy();
      handed.server.close();
    },
  };
}

/**
 * Called by a stopping instance: hands `server` to an instance waiting for `key` (true), which then
 * owns it, or returns false (close it). Until the successor runs, connections are accepted and
 * held paused (`event`: 'connection', or 'secureConnection' for TLS); nothing else listens.
 */
export function handOver(key: string, server: Server, event: string): boolean {
  const successor = successors.get(key);
  if (successor === undefined || successor.handed !== undefined) return false;
  const waiting: Socket[] = [];
  const hold = (socket: Socket) => {
    socket.pause();
    waiting.push(socket);
  };
  // Accept errors while no instance runs: the successor counts what comes after.
  const ignore = () => {};
  server.on(event, hold);
  server.on('error', ignore);
  successor.handed = {
    server,
    waiting,
    release() {
      server.off(event, hold);
      server.off('error', ignore);
    },
  };
  return true;
}
