import {
  type ComponentContext,
  currentTimestamp,
  defineSource,
  type Emit,
  type FieldMap,
  type JsonSchema,
  type LogEvent,
  type OptionProblem,
  rateLimitedLog,
  refuseInvalidOptions,
  type Source,
  SPECIFICATION_VERSION,
} from '@sluice/component-api';
import { parseSyslogLine } from '@sluice/encoding';
import { socketSource, type TcpSourceOptions } from '@sluice/source-tcp';

/** Vector's `default_max_length`: the longest message (an octet-counted frame or a line). */
export const DEFAULT_MAX_LENGTH = 102_400;

export interface SyslogOptions {
  mode: 'tcp' | 'udp' | 'unix';
  address?: string;
  path?: string;
  socket_file_mode?: number;
  keepalive?: { time_secs?: number };
  permit_origin?: string[];
  tls?: TcpSourceOptions['tls'];
  receive_buffer_bytes?: number;
  connection_limit?: number;
  tls_handshake_timeout_secs?: number;
  max_length: number;
  host_key: string;
}

/** The socket source's options for a syslog source: octet counting on streams, a datagram each on UDP. */
function socketOptionsOf(options: SyslogOptions): TcpSourceOptions {
  const common = {
    shutdown_timeout_secs: 30,
    host_key: 'host',
    port_key: '',
    decoding: { codec: 'bytes' as const },
  };
  if (options.mode === 'udp')
    return {
      ...common,
      mode: 'udp',
      address: options.address,
      receive_buffer_bytes: options.receive_buffer_bytes,
      framing: { method: 'bytes' },
    };
  const framing = { method: 'octet_counting' as const, octet_counting: { max_length: options.max_length } };
  if (options.mode === 'unix')
    return {
      ...common,
      mode: 'unix_stream',
      path: options.path,
      socket_file_mode: options.socket_file_mode,
      framing,
    };
  return {
    ...common,
    mode: 'tcp',
    address: options.address,
    keepalive: options.keepalive,
    permit_origin: options.permit_origin,
    tls: options.tls,
    receive_buffer_bytes: options.receive_buffer_bytes,
    connection_limit: options.connection_limit,
    tls_handshake_timeout_secs: options.tls_handshake_timeout_secs,
    framing,
  };
}

function syslogProblems(options: SyslogOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  if (options.mode === 'unix' && options.path === undefined)
    problems.push({ path: 'path', message: 'is required with mode = "unix"' });
  if (options.mode !== 'unix' && options.address === undefined)
    problems.push({ path: 'address', message: `is required with mode = "${options.mode}"` });
  if (problems.length > 0) return problems;
  return (socketSource.validate?.(socketOptionsOf(options), { dataDir: undefined }) ?? []).filter(
    // The socket source's own framing is ours, never the user's.
    (problem) => !problem.path.startsWith('framing'),
  );
}

/**
 * Vector's `syslog` source, built on the socket source: RFC 5424 and RFC 3164 messages over TCP
 * (octet counting, or one per line), UDP (one per datagram) or a unix stream socket, each parsed
 * by `parse_syslog` into Vector's fields. As Vector's: the peer's IP in `source_ip`, the host in
 * `host_key` (the parsed hostname, else the peer), the parsed timestamp or now. A message that is
 * no syslog is dropped and counted (Vector's decode error).
 */
export function createSyslogSource(options: SyslogOptions, context: ComponentContext): Source {
  refuseInvalidOptions(syslogProblems(options));
  const socket = socketSource.create(socketOptionsOf(options), context);
  const failed = context.metrics.counter('component_errors_total', {
    error_code: 'decoder_deserialize',
    error_type: 'parser_failed',
    stage: 'processing',
  });
  const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'false' });
  const warn = rateLimitedLog(context.logger, 'warn');
  const withPeer = options.mode !== 'unix';

  const toSyslog = (event: LogEvent): LogEvent | undefined => {
    const line = event.fields.message;
    const parsed = typeof line === 'string' ? parseSyslogLine(line) : undefined;
    if (parsed === undefined) return undefined;
    const peer = event.fields.host;
    const fields: FieldMap = parsed;
    if (withPeer && typeof peer === 'string') fields.source_ip = peer;
    const host = typeof parsed.hostname === 'string' ? parsed.hostname : peer;
    if (options.host_key !== '' && host !== undefined) fields[options.host_key] = host;
    fields.source_type = 'syslog';
    fields.timestamp ??= event.fields.timestamp ?? currentTimestamp();
    event.fields = fields;
    event.metadata.structured = true;
    return event;
  };

  return {
    async run(emit: Emit, signal: AbortSignal) {
      const source = await socket;
      return source.run(async (batch) => {
        const events: LogEvent[] = [];
        let dropped = 0;
        for (const event of batch) {
          const converted = toSyslog(event);
          if (converted === undefined) dropped += 1;
          else events.push(converted);
        }
        if (dropped > 0) {
          failed.increment(dropped);
          discarded.increment(dropped);
          warn('message dropped: it is neither RFC 5424 nor RFC 3164 syslog', { events: dropped });
        }
        if (events.length > 0) await emit(events);
      }, signal);
    },
  };
}

const socketProperties = (socketSource.optionsSchema as { properties: Record<string, JsonSchema> })
  .properties;

const optionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['mode'],
  properties: {
    mode: {
      type: 'string',
      enum: ['tcp', 'udp', 'unix'],
      description:
        'tcp (octet counting, or one message per line), udp (one per datagram) or unix (a stream socket file).',
    },
    address: {
      type: 'string',
      description: 'tcp, udp: the "ip:port" to listen on (514 is syslog\'s).',
      examples: ['0.0.0.0:514'],
    },
    path: { type: 'string', description: 'unix: the socket file (removed at shutdown).' },
    socket_file_mode: socketProperties.socket_file_mode as JsonSchema,
    keepalive: socketProperties.keepalive as JsonSchema,
    permit_origin: socketProperties.permit_origin as JsonSchema,
    tls: socketProperties.tls as JsonSchema,
    receive_buffer_bytes: socketProperties.receive_buffer_bytes as JsonSchema,
    connection_limit: socketProperties.connection_limit as JsonSchema,
    tls_handshake_timeout_secs: socketProperties.tls_handshake_timeout_secs as JsonSchema,
    max_length: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_MAX_LENGTH,
      description:
        'tcp, unix: the longest message in bytes; a longer one is dropped and counted (as Vector, udp ignores it).',
    },
    host_key: {
      type: 'string',
      default: 'host',
      description: 'Field for the host: the parsed hostname, else the peer\'s address; "" leaves it out.',
    },
  },
};

export const syslogSource = defineSource<SyslogOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'syslog',
  description:
    "Receives syslog (RFC 5424, RFC 3164) over tcp, udp or a unix socket, parsed into Vector's fields.",
  optionsSchema,
  validate: syslogProblems,
  create: (options, context) => createSyslogSource(options, context),
});
