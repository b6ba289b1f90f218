import type { ComponentContext, JsonSchema } from '@sluice/component-api';
import type { TcpSourceOptions } from './options.js';
import { createTcpSource } from './tcp-source.js';
import { createUdpSource } from './udp.js';
import { createUnixDatagramSource } from './unix-datagram.js';

/** The options only the udp mode has (Vector's `UdpConfig`); the others are shared with tcp. */
export const DATAGRAM_OPTIONS: Record<string, JsonSchema> = {
  multicast_groups: {
    type: 'array',
    items: { type: 'string' },
    description: 'udp: IPv4 multicast groups to join (the address must be IPv4). Default: none.',
  },
  multicast_interface: {
    type: 'string',
    description: "udp: the interface (its IPv4 address) to join the groups on. Default: the address's.",
  },
};

/** The socket source of each mode: tcp and unix_stream, or a datagram source for udp and unix_datagram. */
export function createSocketSource(options: TcpSourceOptions, context: ComponentContext) {
  if (options.mode === 'udp') return createUdpSource(options, context);
  if (options.mode === 'unix_datagram') return createUnixDatagramSource(options, context);
  for (const option of ['multicast_groups', 'multicast_interface'] as const)
    if (options[option] !== undefined)
      context.logger.warn(`${option} is an option of mode "udp"; ignored in mode "${options.mode ?? 'tcp'}"`);
  return createTcpSource(options, context, 'socket');
}
