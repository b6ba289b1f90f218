import {
  type Batch,
  currentTimestamp,
  defineSource,
  type FieldMap,
  type LogEvent,
  SPECIFICATION_VERSION,
  sleep,
} from '@sluice/component-api';
import {
  type DecodingConfig,
  decodingOptionSchema,
  type FramingConfig,
  framingOptionSchema,
  SourceDecoding,
} from '@sluice/encoding';

export type DemoLogsFormat = 'shuffle' | 'json' | 'apache_common' | 'apache_error' | 'syslog' | 'bsd_syslog';

export interface DemoLogsOptions {
  format: DemoLogsFormat | 'rfc5424' | 'rfc3164';
  lines?: string[];
  sequence: boolean;
  interval: number;
  count?: number;
  framing?: FramingConfig;
  decoding?: DecodingConfig;
}

// The vocabulary of Vector's fake data (lib/fakedata/src/logs.rs), so demos look the same.
const USERNAMES = [
  'log_whisperer',
  'commit_conductor',
  'cache_cowboy',
  'compile_captain',
  'latency_llama',
  'yaml_yoda',
  'regex_rider',
  'semver_sage',
  'kernel_keith',
  'pixel_pilgrim',
  'kubectl_kev',
  'pipeline_pat',
  'telemetry_tina',
  'merge_maria',
  'parser_pete',
  'debug_duchess',
  'nullable_nate',
  'grep_greg',
  'stderr_stan',
  'segfault_sue',
];
const DOMAIN_NAMES = [
  'acme',
  'contoso',
  'widgets',
  'example',
  'placeholder',
  'sample',
  'foobar',
  'testbench',
];
const DOMAIN_TLDS = ['com', 'net', 'org', 'io', 'dev', 'co', 'app', 'biz'];
const APPLICATIONS = [
  'auth',
  'data',
  'deploy',
  'etl',
  'scraper',
  'cron',
  'ingress',
  'egress',
  'alerter',
  'fwd',
];
const ERROR_LEVELS = ['alert', 'crit', 'debug', 'emerg', 'error', 'info', 'notice', 'trace1-8', 'warn'];
const HTTP_CODES = [200, 300, 301, 302, 304, 307, 400, 401, 403, 404, 410, 500, 501, 503, 550];
const HTTP_VERSIONS = ['HTTP/1.0', 'HTTP/1.1', 'HTTP/2.0'];
const HTTP_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTION', 'PATCH', 'POST', 'PUT'];
const HTTP_ENDPOINTS = [
  '/wp-admin',
  '/controller/setup',
  '/user/booperbot124',
  '/apps/deploy',
  '/observability/metrics/production',
  '/secret-info/open-sesame',
  '/booper/bopper/mooper/mopper',
  '/do-not-access/needs-work',
  '/this/endpoint/prints/money',
];
const ERROR_MESSAGES = [
  "There's a breach in the warp core, captain",
  "Great Scott! We're never gonna reach 88 mph with the flux capacitor in its current state!",
  "You're not gonna believe what just happened",
  '#hugops to everyone who has to deal with this',
  'Take a breath, let it go, walk away',
  "A bug was encountered but not in Vector, which doesn't have bugs",
  "We're gonna need a bigger boat",
  "Maybe we just shouldn't use computers",
  'Pretty pretty pretty good',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MAX_BATCH = 500;

/** Random numbers for the generated lines; tests pass a fixed one. */
export type Random = () => number;

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');
/** chrono's `%z` of the local zone: `+0100`. */
const zone = (date: Date, colon = false) => {
  const offset = -date.getTimezoneOffset();
  return `${offset < 0 ? '-' : '+'}${pad(Math.trunc(Math.abs(offset) / 60))}${colon ? ':' : ''}${pad(Math.abs(offset) % 60)}`;
};
const time = (date: Date) => `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
/** `%d/%b/%Y:%T` */
const dayMonthYearTime = (date: Date) =>
  `${pad(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()}:${time(date)}`;

function generator(random: Random) {
  const inRange = (min: number, max: number) => min + Math.floor(random() * (max - min));
  const pick = <Item>(items: readonly Item[]): Item => items[inRange(0, items.length)] as Item;
  const ipv4 = () => `${inRange(1, 255)}.${inRange(1, 255)}.${inRange(1, 255)}.${inRange(1, 255)}`;
  const domain = () => `${pick(DOMAIN_NAMES)}.${pick(DOMAIN_TLDS)}`;
  return { inRange, pick, ipv4, domain };
}

/** One line of a format, as Vector's demo_logs generates it (lib/fakedata). */
export function demoLine(
  options: DemoLogsOptions,
  index: number,
  now: Date,
  random: Random = Math.random,
): string {
  const { inRange, pick, ipv4, domain } = generator(random);
  switch (options.format) {
    case 'shuffle': {
      const line = pick(options.lines ?? ['hello world']);
      return options.sequence ? `${index} ${line}` : line;
    }
    case 'apache_common':
      return `${ipv4()} - ${pick(USERNAMES)} [${dayMonthYearTime(now)} ${zone(now)}] "${pick(HTTP_METHODS)} ${pick(HTTP_ENDPOINTS)} ${pick(HTTP_VERSIONS)}" ${pick(HTTP_CODES)} ${inRange(50, 50_000)}`;
    case 'apache_error':
      return `[${DAYS[now.getDay()]} ${MONTHS[now.getMonth()]} ${pad(now.getDate())} ${time(now)} ${now.getFullYear()}] [${pick(USERNAMES)}:${pick(ERROR_LEVELS)}] [pid ${inRange(1, 9999)}:tid] [client ${ipv4()}:${inRange(1024, 65535)}] ${pick(ERROR_MESSAGES)}`;
    case 'syslog':
    case 'rfc5424': {
      const offset = now.getTimezoneOffset();
      const local = new Date(now.getTime() - offset * 60_000).toISOString().slice(0, 23);
      const timestamp = offset === 0 ? `${local}Z` : `${local}${zone(now, true)}`;
      return `<${inRange(0, 191)}>${inRange(1, 3)} ${timestamp} ${domain()} ${pick(USERNAMES)} ${inRange(100, 9999)} ID${inRange(1, 999)} - ${pick(ERROR_MESSAGES)}`;
    }
    case 'bsd_syslog':
    case 'rfc3164':
      return `<${inRange(0, 191)}>${MONTHS[now.getMonth()]} ${pad(now.getDate())} ${time(now)} ${domain()} ${pick(APPLICATIONS)}[${inRange(1, 9999)}]: ${pick(ERROR_MESSAGES)}`;
    case 'json':
      return `{"host":"${ipv4()}","user-identifier":"${pick(USERNAMES)}","datetime":"${dayMonthYearTime(now)}","method":"${pick(HTTP_METHODS)}","request":"${pick(HTTP_ENDPOINTS)}","protocol":"${pick(HTTP_VERSIONS)}","status":"${pick(HTTP_CODES)}","bytes":${inRange(1000, 50_000)},"referer":"https://${domain()}${pick(HTTP_ENDPOINTS)}"}`;
  }
}

export const demoLogsSource = defineSource<DemoLogsOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'demo_logs',
  description: "Generates fake log lines in Vector's demo formats, for demos and tests.",
  // Vector's serde alias.
  deprecatedOptions: { batch_interval: 'interval' },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      format: {
        type: 'string',
        enum: [
          'shuffle',
          'json',
          'apache_common',
          'apache_error',
          'syslog',
          'bsd_syslog',
          'rfc5424',
          'rfc3164',
        ],
        default: 'shuffle',
        description:
          'The kind of lines (rfc5424 and rfc3164 are aliases of syslog and bsd_syslog). Vector requires it; Sluice defaults to shuffle.',
      },
      lines: {
        type: 'array',
        items: { type: 'string' },
        minItems: 1,
        description: 'shuffle: the lines picked at random (default ["hello world"]).',
      },
      sequence: {
        type: 'boolean',
        default: false,
        description: 'shuffle: prefix each line with its sequence number.',
      },
      interval: {
        type: 'number',
        minimum: 0,
        default: 1,
        description: 'Seconds between events; 0 generates as fast as backpressure allows, in batches.',
      },
      count: {
        type: 'integer',
        minimum: 0,
        description: 'Stop after this many events (default: never).',
      },
      framing: {
        ...framingOptionSchema,
        description: 'Framing of each generated line; default bytes (the line is one frame).',
      },
      decoding: decodingOptionSchema,
    },
  },
  create(options, context) {
    const decoding = new SourceDecoding({ framing: options.framing, decoding: options.decoding }, context);
    const framesOf = (line: string): string[] => {
      if (options.framing === undefined || options.framing.method === 'bytes') return [line];
      // Vector frames each generated line on its own.
      const framer = decoding.newFramer();
      const pushed = framer.push(Buffer.from(line));
      const ended = framer.end();
      decoding.account(pushed);
      decoding.account(ended);
      return [...pushed.lines, ...ended.lines];
    };
    return {
      async run(emit, signal) {
        const total = options.count ?? Number.POSITIVE_INFINITY;
        const intervalMs = options.interval * 1000;
        let index = 0;
        while (index < total && !signal.aborted) {
          const size = intervalMs === 0 ? Math.min(MAX_BATCH, total - index) : 1;
          const now = currentTimestamp();
          const fields: FieldMap = {
            timestamp: now,
            source_type: 'demo_logs',
            service: 'vector',
            host: 'localhost',
          };
          const frames: string[] = [];
          for (let offset = 0; offset < size; offset += 1)
            frames.push(...framesOf(demoLine(options, index + offset, now)));
          const batch: Batch = decoding.toEvents(frames, fields) as LogEvent[];
          index += size;
          if (batch.length > 0) await emit(batch);
          if (intervalMs > 0 && index < total) await sleep(intervalMs, signal);
        }
      },
    };
  },
});
