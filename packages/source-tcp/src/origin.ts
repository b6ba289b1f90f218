import { BlockList, isIPv6 } from 'node:net';

/** A CIDR (an address without a prefix is one host) as `BlockList.addSubnet` takes it; undefined when invalid. */
export function subnetOf(
  cidr: string,
): { network: string; prefix: number; type: 'ipv4' | 'ipv6' } | undefined {
  const [network = '', prefixText] = cidr.split('/');
  const type = isIPv6(network) ? 'ipv6' : 'ipv4';
  const prefix = prefixText === undefined ? (type === 'ipv6' ? 128 : 32) : Number(prefixText);
  try {
    new BlockList().addSubnet(network, prefix, type);
  } catch {
    return undefined;
  }
  return { network, prefix, type };
}

/** `permit_origin`: Vector's CIDR allow list (entries checked by `tcpSourceProblems`). */
export function allowListOf(cidrs: readonly string[] | undefined): BlockList | undefined {
  if (cidrs === undefined) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const subnet = subnetOf(cidr);
    if (subnet !== undefined) list.addSubnet(subnet.network, subnet.prefix, subnet.type);
  }
  return list;
}

export function permitted(list: BlockList, address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return list.check(mapped, 'ipv4');
  return list.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
}
