/**
 * IP addresses as Rust's `std::net` parses and prints them: strict dotted quads (no leading
 * zeros), IPv6 with `::` and an embedded IPv4 tail, printed per RFC 5952 (`::ffff:a.b.c.d` for
 * IPv4-mapped addresses). An address is its bytes (4 or 16).
 */

export type IpBytes = Uint8Array;

export function parseIpv4(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let index = 0; index < 4; index++) {
    const part = parts[index] as string;
    if (!/^[0-9]{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return undefined;
    const number = Number(part);
    if (number > 255) return undefined;
    bytes[index] = number;
  }
  return bytes;
}

function parseGroups(text: string, allowIpv4Tail: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as string;
    if (allowIpv4Tail && index === parts.length - 1 && part.includes('.')) {
      const ipv4 = parseIpv4(part);
      if (ipv4 === undefined) return undefined;
      groups.push(
        ((ipv4[0] as number) << 8) | (ipv4[1] as number),
        ((ipv4[2] as number) << 8) | (ipv4[3] as number),
      );
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
    groups.push(Number.parseInt(part, 16));
  }
  return groups;
}

export function parseIpv6(text: string): IpBytes | undefined {
  const gap = text.indexOf('::');
  let groups: number[] | undefined;
  if (gap < 0) {
    groups = parseGroups(text, true);
    if (groups === undefined || groups.length !== 8) return undefined;
  } else {
    const head = parseGroups(text.slice(0, gap), false);
    const tail = parseGroups(text.slice(gap + 2), true);
    if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

/** An IPv4 or IPv6 address (Rust's `IpAddr::from_str`). */
export function parseIp(text: string): IpBytes | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

export function formatIp(bytes: IpBytes): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2)
    groups.push(((bytes[index] as number) << 8) | (bytes[index + 1] as number));
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes.subarray(12).join('.')}`;
  }
  // The first longest run of two or more zero groups becomes `::`.
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = (list: number[]): string => list.map((group) => group.toString(16)).join(':');
  if (bestLength < 2) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
}

/** `Ipv6Addr::to_ipv4`: the IPv4 address an IPv4-compatible or -mapped IPv6 address holds. */
export function embeddedIpv4(bytes: IpBytes): IpBytes | undefined {
  for (let index = 0; index < 10; index++) if (bytes[index] !== 0) return undefined;
  const marker = ((bytes[10] as number) << 8) | (bytes[11] as number);
  return marker === 0 || marker === 0xffff ? bytes.slice(12) : undefined;
}

/** `Ipv4Addr::to_ipv6_mapped`. */
export function ipv4ToIpv6Mapped(bytes: IpBytes): IpBytes {
  const mapped = new Uint8Array(16);
  mapped[10] = 0xff;
  mapped[11] = 0xff;
  mapped.set(bytes, 12);
  return mapped;
}

/** A network of the `cidr` crate: an address with its host bits zero and a prefix length. */
export interface Cidr {
  network: IpBytes;
  length: number;
}

/** `IpCidr::from_str`: `address/length`, or a lone address (a host network); an error message when invalid. */
export function parseCidr(text: string): Cidr | string {
  const slash = text.lastIndexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (address === undefined) return "couldn't parse address in network: invalid IP address syntax";
  const bits = address.length * 8;
  if (slash < 0) return { network: address, length: bits };
  const lengthText = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(lengthText) || Number(lengthText) > 255)
    return "couldn't parse length in network: invalid digit found in string";
  const length = Number(lengthText);
  if (length > bits)
    return `invalid length for network: Network length ${length} is too long for Ipv${bits === 32 ? 4 : 6} (maximum: ${bits})`;
  for (let bit = length; bit < bits; bit++) {
    if (((address[bit >> 3] as number) >> (7 - (bit & 7))) & 1) return 'host part of address was not zero';
  }
  return { network: address, length };
}

export function cidrContains(cidr: Cidr, address: IpBytes): boolean {
  if (cidr.network.length !== address.length) return false;
  for (let bit = 0; bit < cidr.length; bit++) {
    const mask = 1 << (7 - (bit & 7));
    if (((cidr.network[bit >> 3] as number) & mask) !== ((address[bit >> 3] as number) & mask)) return false;
  }
  return true;
}

/** Compares addresses as Rust's `Ord` does (by bytes). */
export function compareIp(left: IpBytes, right: IpBytes): number {
  for (let index = 0; index < left.length; index++) {
    if (left[index] !== right[index]) return (left[index] as number) - (right[index] as number);
  }
  return 0;
}
