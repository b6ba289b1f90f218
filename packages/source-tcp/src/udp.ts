import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { ComponentContext } from '@sluice/component-api';
import { createDatagramSource, type DatagramReceiver } from './datagram-source.js';
import type { TcpSourceOptions } from './options.js';

/** A UDP socket bound to `address` (`ip:port`; port 0 picks a free one), joined to multicast groups. */
function udpReceiver(options: TcpSourceOptions, context: ComponentContext): DatagramReceiver {
  const [, host = '', port = '0'] = /^\[?([^\]]*)\]?:(\d+)$/.exec(options.address as string) ?? [];
  let socket: Socket | undefined;
  return {
    maxReceivable: Number.POSITIVE_INFINITY,
    start(onDatagram) {
      const bound = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4', reuseAddr: false });
      socket = bound;
      return new Promise((resolve, reject) => {
        bound.once('error', reject);
        bound.on('message', (datagram, remote) =>
          onDatagram(datagram, { host: remote.address, port: remote.port }),
        );
        bound.bind(Number(port), host, () => {
          bound.off('error', reject);
          bound.on('error', (error) => context.logger.error('UDP socket error', { error: error.message }));
          if (options.receive_buffer_bytes !== undefined) {
            try {
              bound.setRecvBufferSize(options.receive_buffer_bytes);
            } catch (error) {
              // As Vector: a receive buffer the kernel refuses is a warning, not a failure.
              context.logger.warn('Failed configuring receive buffer size on UDP socket.', {
                error: (error as Error).message,
              });
            }
          }
          for (const group of options.multicast_groups ?? []) {
            bound.addMembership(
              group,
              options.multicast_interface ?? (host === '0.0.0.0' ? undefined : host),
            );
            context.logger.info('Joined multicast group.', { group });
          }
          const address = bound.address();
          const shown = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
          context.logger.info(`listening on ${shown} (udp)`, { address: shown });
          resolve(shown);
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => (socket === undefined ? resolve() : socket.close(() => resolve()))),
  };
}

/** The socket source in `mode = "udp"` (Vector's `UdpConfig`). */
export function createUdpSource(options: TcpSourceOptions, context: ComponentContext) {
  return createDatagramSource(options, context, udpReceiver(options, context), true);
}
