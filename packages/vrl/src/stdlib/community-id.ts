import { createHash } from 'node:crypto';
import { type CompileCall, defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { Tag, tagOf, type Value } from '../value/value.js';
import { compareIp, parseIp } from './ip-address.js';

// ICMP and ICMPv6 message types and their request/reply counterparts (the `community-id` crate's tables).
const ICMP_COUNTERPARTS = new Map([
  [8, 0],
  [0, 8],
  [13, 14],
  [14, 13],
  [15, 16],
  [16, 15],
  [10, 9],
  [9, 10],
  [17, 18],
  [18, 17],
]);
const ICMPV6_COUNTERPARTS = new Map([
  [128, 129],
  [129, 128],
  [130, 131],
  [131, 130],
  [133, 134],
  [134, 133],
  [135, 136],
  [136, 135],
  [139, 140],
  [140, 139],
  [144, 145],
  [145, 144],
]);

function ranged(value: Value | undefined, maximum: number, message: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return number < 0 || number > maximum
    ? fail(`${message}: out of range integral type conversion attempted`)
    : number;
}

function checkLiteral(call: CompileCall, keyword: string, maximum: number, error: string): void {
  const literal = call.argument(keyword)?.constant;
  if (
    literal !== undefined &&
    tagOf(literal) === Tag.Integer &&
    (Number(literal) < 0 || Number(literal) > maximum)
  ) {
    throw call.invalidArgument(keyword, literal, error);
  }
}

/** `community_id(source_ip, destination_ip, protocol, source_port, destination_port, seed)`: the Community ID (v1) of a flow. */
export const communityId = defineFunction({
  name: 'community_id',
  parameters: [
    required('source_ip', kind.BYTES),
    required('destination_ip', kind.BYTES),
    required('protocol', kind.INTEGER),
    optional('source_port', kind.INTEGER),
    optional('destination_port', kind.INTEGER),
    optional('seed', kind.INTEGER),
  ],
  check: (call) => {
    checkLiteral(call, 'protocol', 255, '"protocol" must be between 0 and 255');
    checkLiteral(call, 'source_port', 65535, '"source_port" must be between 0 and 65535');
    checkLiteral(call, 'destination_port', 65535, '"destination_port" must be between 0 and 65535');
    checkLiteral(call, 'seed', 65535, '"seed" must be between 0 and 65535');
  },
  returns: TypeDef.bytes().fallible(),
  call: ([sourceIp, destinationIp, protocolValue, sourcePortValue, destinationPortValue, seedValue]) => {
    let source =
      parseIp(sourceIp as string) ?? fail('unable to parse source IP address: invalid IP address syntax');
    let destination =
      parseIp(destinationIp as string) ??
      fail('unable to parse destination IP address: invalid IP address syntax');
    const protocol = ranged(protocolValue, 255, 'protocol must be between 0 and 255') as number;
    let sourcePort = ranged(sourcePortValue, 65535, 'source port must be between 0 and 65535');
    let destinationPort = ranged(destinationPortValue, 65535, 'destination port must be between 0 and 65535');
    const seed = ranged(seedValue, 65535, 'seed must be between 0 and 65535') ?? 0;
    if (
      (protocol === 6 || protocol === 17 || protocol === 132) &&
      (sourcePort === undefined || destinationPort === undefined)
    ) {
      return fail('src port and dst port should be set when protocol is tcp/udp/sctp');
    }
    if (source.length !== destination.length) return fail('src ip and dst ip should be same version!');
    let oneWay = false;
    if (protocol === 1 || protocol === 58) {
      if (protocol === 58 && source.length === 4) return fail('icmpv6 can not over ipv4!');
      const counterparts = protocol === 1 ? ICMP_COUNTERPARTS : ICMPV6_COUNTERPARTS;
      const type = sourcePort ?? 0;
      const counterpart = counterparts.get(type);
      oneWay = counterpart === undefined;
      sourcePort = type;
      destinationPort = counterpart ?? destinationPort ?? 0;
    }
    const order = compareIp(source, destination);
    const portsOrdered =
      sourcePort === undefined
        ? destinationPort !== undefined
        : destinationPort !== undefined && sourcePort < destinationPort;
    if (!(oneWay || order < 0 || (order === 0 && portsOrdered))) {
      [source, destination] = [destination, source];
      [sourcePort, destinationPort] = [destinationPort, sourcePort];
    }
    const header = Buffer.alloc(2);
    header.writeUInt16BE(seed);
    const parts = [header, source, destination, Buffer.from([protocol, 0])];
    if (sourcePort !== undefined && destinationPort !== undefined) {
      const ports = Buffer.alloc(4);
      ports.writeUInt16BE(sourcePort, 0);
      ports.writeUInt16BE(destinationPort, 2);
      parts.push(ports);
    }
    return `1:${createHash('sha1').update(Buffer.concat(parts)).digest('base64')}`;
  },
});
