import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { type ObjectValue, ownField, setOwnField } from '../value/value.js';
import { parseRustInteger } from './rust.js';

const DEFAULT_FORMAT =
  'version account_id interface_id srcaddr dstaddr srcport dstport protocol packets bytes start end action log_status';

/** The fields VPC flow logs know; `true` for those read as integers. */
const FIELDS: Record<string, boolean> = {
  account_id: false,
  action: false,
  asg_tag: false,
  asg_tag_2: false,
  az_id: false,
  bytes: true,
  dstaddr: false,
  dstport: true,
  ecs_cluster_arn: false,
  ecs_cluster_name: false,
  ecs_container_id: false,
  ecs_container_instance_arn: false,
  ecs_container_instance_id: false,
  ecs_second_container_id: false,
  ecs_service_name: false,
  ecs_task_arn: false,
  ecs_task_definition_arn: false,
  ecs_task_id: false,
  encryption_status: true,
  end: true,
  flow_direction: false,
  instance_id: false,
  instance_tag: false,
  instance_tag_2: false,
  interface_id: false,
  interface_tag: false,
  interface_tag_2: false,
  interface_type: false,
  log_status: false,
  next_hop_az_id: false,
  next_hop_interface_id: false,
  next_hop_interface_type: false,
  next_hop_subnet_id: false,
  next_hop_vpc_id: false,
  packets: true,
  pkt_dstaddr: false,
  pkt_dst_aws_service: false,
  pkt_srcaddr: false,
  pkt_src_aws_service: false,
  protocol: true,
  region: false,
  reject_reason: false,
  resource_id: false,
  srcaddr: false,
  srcport: true,
  start: true,
  sublocation_id: false,
  sublocation_type: false,
  subnet_id: false,
  tcp_flags: true,
  traffic_path: true,
  type: false,
  version: true,
  vpc_id: false,
};

function parseFlowLog(text: string, format: string): ObjectValue {
  const values = text.split(' ');
  const keys = format.split(' ');
  const log: ObjectValue = {};
  for (let index = 0; index < Math.max(values.length, keys.length); index++) {
    const key = keys[index];
    const value = values[index];
    if (key === undefined) return fail(`no key for value: \`${value}\``);
    if (value === undefined) return fail(`no item for key: \`${key}\``);
    if (!Object.hasOwn(FIELDS, key)) return fail(`unknown key: \`${key}\``);
    let field: string | number | bigint | null = value;
    if (value === '-') field = null;
    else if (FIELDS[key]) {
      const parsed = parseRustInteger(value);
      if ('error' in parsed) return fail(`failed to parse value as i64 (key: \`${key}\`): \`${value}\``);
      field = parsed.value;
    }
    if (ownField(log, key) !== undefined) return fail(`value already exists for key: \`${key}\``);
    setOwnField(log, key, field);
  }
  return log;
}

/** `parse_aws_vpc_flow_log(value, format)`: a VPC Flow Logs record in the default or a custom field order. */
export const parseAwsVpcFlowLog = defineFunction({
  name: 'parse_aws_vpc_flow_log',
  parameters: [required('value', kind.BYTES), optional('format', kind.BYTES)],
  returns: TypeDef.object(
    Collection.known(
      Object.entries(FIELDS).map(([name, integer]) => [
        name,
        (integer ? Kind.integer() : Kind.bytes()).orNull(),
      ]),
    ),
  ).fallible(),
  freshResult: true,
  call: ([value, format]) => parseFlowLog(value as string, (format as string | undefined) ?? DEFAULT_FORMAT),
});
