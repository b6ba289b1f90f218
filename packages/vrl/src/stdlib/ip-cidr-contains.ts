import { type CompileCall, defineFunction, expectString, kind, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { TypeDef } from '../type/type-def.js';
import { kindName } from '../type/value-kind.js';
import type { Value } from '../value/value.js';
import { type Cidr, cidrContains, type IpBytes, parseCidr, parseIp } from './ip-address.js';

function address(value: Value): IpBytes {
  return parseIp(expectString(value)) ?? fail('unable to parse IP address: invalid IP address syntax');
}

function cidrOf(text: string): Cidr {
  const cidr = parseCidr(text);
  return typeof cidr === 'string' ? fail(`unable to parse CIDR: ${cidr}`) : cidr;
}

/** Literal CIDRs are parsed once, at compile time (VRL refuses invalid ones there). */
function literalCidrs(call: CompileCall): Cidr[] | undefined {
  const literal = call.argument('cidr')?.constant;
  if (literal === undefined) return undefined;
  const items = Array.isArray(literal) ? literal : [literal];
  if (typeof literal !== 'string' && !Array.isArray(literal)) {
    throw call.invalidArgument('ip_cidr_contains', literal, '"cidr" must be string or array of strings');
  }
  return items.map((item) => {
    if (typeof item !== 'string')
      throw call.invalidArgument('ip_cidr_contains', item, '"cidr" must be string');
    const cidr = parseCidr(item);
    if (typeof cidr === 'string')
      throw call.invalidArgument('ip_cidr_contains', item, '"cidr" must be valid cidr');
    return cidr;
  });
}

/** `ip_cidr_contains(cidr, value)`: whether the address is in the CIDR block (or any of an array of them). */
export const ipCidrContains = defineFunction({
  name: 'ip_cidr_contains',
  parameters: [required('cidr', kind.BYTES | kind.ARRAY), required('value', kind.BYTES)],
  compile(call) {
    const constant = literalCidrs(call);
    const cidr = call.required('cidr').evaluate;
    const value = call.required('value').evaluate;
    return {
      run(context) {
        const ip = address(value(context));
        if (constant !== undefined) return constant.some((block) => cidrContains(block, ip));
        const blocks = cidr(context);
        if (typeof blocks === 'string') return cidrContains(cidrOf(blocks), ip);
        if (!Array.isArray(blocks)) return fail(`expected string or array, got ${kindName(blocks)}`);
        for (const block of blocks) if (cidrContains(cidrOf(expectString(block)), ip)) return true;
        return false;
      },
      typeDef: TypeDef.boolean().fallible(),
    };
  },
});
