import { chmodSync, rmSync } from 'node:fs';
import type { ComponentContext } from '@sluice/component-api';
import { createDatagramSource, type DatagramReceiver } from './datagram-source.js';
import type { TcpSourceOptions } from './options.js';

/** The part of `node-unix-socket`'s DgramSocket used here (Node has no unix datagram socket). */
interface DgramSocket {
  bind(path: string): void;
  on(event: 'data', listener: (datagram: Buffer, peer: string) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  setRecvBufferSize(size: number): void;
  close(): void;
}

/** Loads the optional native package; a clear error when it is not installed. */
async function loadDgramSocket(): Promise<new () => DgramSocket> {
  try {
    const module = (await import('node-unix-socket')) as unknown as { DgramSocket: new () => DgramSocket };
    return module.DgramSocket;
  } catch (error) {
    throw new Error(
      `mode = "unix_datagram" needs the optional package node-unix-socket (Node has no unix datagram socket), which could not be loaded: ${(error as Error).message}`,
    );
  }
}

/**
 * A unix datagram socket bound to `path` (removed again at shutdown, as Vector does). The native
 * socket hands over at most 65,535 bytes of a datagram: one that long may have been cut, and is
 * treated as cut (its last frame dropped and counted), never delivered as if whole.
 */
function unixDatagramReceiver(options: TcpSourceOptions, context: ComponentContext): DatagramReceiver {
  const path = options.path as string;
  let socket: DgramSocket | undefined;
  return {
    maxReceivable: 65_535,
    async start(onDatagram) {
      const DgramSocket = await loadDgramSocket();
      const bound = new DgramSocket();
      bound.bind(path);
      socket = bound;
      if (options.socket_file_mode !== undefined) chmodSync(path, options.socket_file_mode);
      // Vector names a peer without a socket file "(unnamed)"; otherwise its path.
      bound.on('data', (datagram, peer) => onDatagram(datagram, { host: peer === '' ? '(unnamed)' : peer }));
      bound.on('error', (error) =>
        context.logger.error('unix datagram socket error', { error: error.message }),
      );
      context.logger.info(`listening on ${path} (unix_datagram)`, { path });
      return path;
    },
    async close() {
      socket?.close();
      rmSync(path, { force: true });
    },
  };
}

/** The socket source in `mode = "unix_datagram"` (Vector's `UnixConfig`). */
export function createUnixDatagramSource(options: TcpSourceOptions, context: ComponentContext) {
  return createDatagramSource(options, context, unixDatagramReceiver(options, context), false);
}
