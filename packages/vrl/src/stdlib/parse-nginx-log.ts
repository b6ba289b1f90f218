import { defineFunction, kind, optional, required } from '../function.js';
import { fail } from '../runtime/errors.js';
import { Collection, Kind } from '../type/kind.js';
import { TypeDef } from '../type/type-def.js';
import { ownField } from '../value/value.js';
import {
  logFields,
  NGINX_COMBINED,
  NGINX_ERROR,
  NGINX_INGRESS_UPSTREAMINFO,
  NGINX_MAIN,
} from './parsers/access-logs.js';

const FORMATS = {
  combined: { regex: NGINX_COMBINED, timestampFormat: '%d/%b/%Y:%T %z' },
  error: { regex: NGINX_ERROR, timestampFormat: '%Y/%m/%d %H:%M:%S' },
  ingress_upstreaminfo: { regex: NGINX_INGRESS_UPSTREAMINFO, timestampFormat: '%d/%b/%Y:%T %z' },
  main: { regex: NGINX_MAIN, timestampFormat: '%d/%b/%Y:%T %z' },
};
type Format = keyof typeof FORMATS;

function kinds(format: Format): [string, Kind][] {
  switch (format) {
    case 'combined':
      return [
        ['client', Kind.bytes()],
        ['user', Kind.bytes().orNull()],
        ['timestamp', Kind.timestamp()],
        ['request', Kind.bytes()],
        ['status', Kind.integer()],
        ['size', Kind.integer()],
        ['referer', Kind.bytes().orNull()],
        ['agent', Kind.bytes().orNull()],
        ['compression', Kind.bytes().orNull()],
      ];
    case 'ingress_upstreaminfo':
      return [
        ['remote_addr', Kind.bytes().orUndefined()],
        ['remote_user', Kind.bytes().orUndefined()],
        ['timestamp', Kind.timestamp()],
        ['request', Kind.bytes()],
        ['status', Kind.integer()],
        ['body_bytes_size', Kind.integer()],
        ['http_referer', Kind.bytes().orUndefined()],
        ['http_user_agent', Kind.bytes().orUndefined()],
        ['request_length', Kind.integer()],
        ['request_time', Kind.float()],
        ['proxy_upstream_name', Kind.bytes()],
        ['proxy_alternative_upstream_name', Kind.bytes().orUndefined()],
        ['upstream_addr', Kind.bytes()],
        ['upstream_response_length', Kind.integer()],
        ['upstream_response_time', Kind.float()],
        ['upstream_status', Kind.integer()],
        ['req_id', Kind.bytes()],
      ];
    case 'main':
      return [
        ['remote_addr', Kind.bytes().orUndefined()],
        ['remote_user', Kind.bytes().orUndefined()],
        ['timestamp', Kind.timestamp()],
        ['request', Kind.bytes()],
        ['status', Kind.integer()],
        ['body_bytes_size', Kind.integer()],
        ['http_referer', Kind.bytes().orUndefined()],
        ['http_user_agent', Kind.bytes().orUndefined()],
        ['http_x_forwarded_for', Kind.bytes().orUndefined()],
      ];
    case 'error':
      return [
        ['timestamp', Kind.timestamp()],
        ['severity', Kind.bytes()],
        ['pid', Kind.integer()],
        ['tid', Kind.integer()],
        ['cid', Kind.integer()],
        ['message', Kind.bytes()],
        ['excess', Kind.float().orNull()],
        ['zone', Kind.bytes().orNull()],
        ['client', Kind.bytes().orNull()],
        ['server', Kind.bytes().orNull()],
        ['request', Kind.bytes().orNull()],
        ['upstream', Kind.bytes().orNull()],
        ['host', Kind.bytes().orNull()],
        ['port', Kind.bytes().orNull()],
      ];
  }
}

/**
 * `parse_nginx_log(value, format, timestamp_format)`: an Nginx `combined`, `main`,
 * `ingress_upstreaminfo` or `error` log line; fields logged as `-` are left out.
 */
export const parseNginxLog = defineFunction({
  name: 'parse_nginx_log',
  parameters: [
    required('value', kind.BYTES),
    required('format', kind.BYTES),
    optional('timestamp_format', kind.BYTES),
  ],
  check: (call) => {
    call.enumValue('format', Object.keys(FORMATS));
  },
  returns: (call) =>
    TypeDef.object(Collection.known(kinds(call.required('format').constant as Format))).fallible(),
  freshResult: true,
  call: ([value, format, timestampFormat], context) => {
    const definition = FORMATS[format as Format];
    const fields = logFields(
      definition.regex,
      value as string,
      (timestampFormat as string | undefined) ?? definition.timestampFormat,
      context.timezone,
    );
    if (fields === undefined) return fail('failed parsing log line');
    const referrer = ownField(fields, 'referrer');
    if (referrer !== undefined) {
      delete fields.referrer;
      fields.referer = referrer;
    }
    return fields;
  },
});
