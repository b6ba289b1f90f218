import {
  type Batch,
  createLogEvent,
  defineSource,
  type LogEvent,
  SPECIFICATION_VERSION,
  sleep,
} from '@sluice/component-api';

export interface DemoLogsOptions {
  format: 'shuffle' | 'json' | 'apache_common' | 'syslog';
  lines?: string[];
  sequence: boolean;
  interval: number;
  count?: number;
}

const HOSTS = ['web-1', 'web-2', 'api-1', 'db-1'];
const PATHS = ['/', '/login', '/api/v1/orders', '/health', '/static/app.js'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const STATUSES = [200, 200, 200, 201, 301, 404, 500];
const USERS = ['ada', 'grace', 'linus', 'margaret', '-'];
const MAX_BATCH = 500;

function pick<Item>(items: readonly Item[], index: number): Item {
  return items[index % items.length] as Item;
}

function apacheTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

/** The `index`-th line of a format; deterministic, so tests can predict it. */
export function demoLine(options: DemoLogsOptions, index: number, now: Date): string {
  switch (options.format) {
    case 'shuffle': {
      const lines = options.lines ?? ['hello world'];
      const line = options.sequence
        ? pick(lines, index)
        : pick(lines, Math.floor(Math.random() * lines.length));
      return options.sequence ? `${index} ${line}` : line;
    }
    case 'json':
      return JSON.stringify({
        host: pick(HOSTS, index),
        user: pick(USERS, index * 7),
        method: pick(METHODS, index * 3),
        path: pick(PATHS, index * 5),
        status: pick(STATUSES, index * 11),
        bytes: (index * 7919) % 50_000,
        timestamp: now.toISOString(),
      });
    case 'apache_common':
      return `192.168.${index % 255}.${(index * 7) % 255} - ${pick(USERS, index)} [${apacheTime(now)}] "${pick(METHODS, index)} ${pick(PATHS, index * 3)} HTTP/1.1" ${pick(STATUSES, index * 5)} ${(index * 7919) % 50_000}`;
    case 'syslog':
      return `<${(index % 8) + 8}>1 ${now.toISOString()} ${pick(HOSTS, index)} sluice ${1000 + (index % 100)} ID${index} - demo message ${index}`;
  }
}

export const demoLogsSource = defineSource<DemoLogsOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'source',
  type: 'demo_logs',
  description: 'Generates sample log lines (shuffle, json, apache_common, syslog), for demos and tests.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      format: {
        type: 'string',
        enum: ['shuffle', 'json', 'apache_common', 'syslog'],
        default: 'shuffle',
        description: 'The kind of lines to generate.',
      },
      lines: {
        type: 'array',
        items: { type: 'string' },
        minItems: 1,
        description: 'shuffle: the lines to pick from (default ["hello world"]).',
      },
      sequence: {
        type: 'boolean',
        default: false,
        description: 'shuffle: use the lines in order and prefix each with its sequence number.',
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
    },
  },
  create(options) {
    return {
      async run(emit, signal) {
        const total = options.count ?? Number.POSITIVE_INFINITY;
        const intervalMs = options.interval * 1000;
        let index = 0;
        while (index < total && !signal.aborted) {
          const size = intervalMs === 0 ? Math.min(MAX_BATCH, total - index) : 1;
          const now = new Date();
          const batch: Batch = new Array<LogEvent>(size);
          for (let offset = 0; offset < size; offset += 1) {
            const message = demoLine(options, index + offset, now);
            batch[offset] = createLogEvent(
              { message, timestamp: now, source_type: 'demo_logs', host: 'localhost' },
              { byteSize: message.length + 64 },
            );
          }
          index += size;
          await emit(batch);
          if (intervalMs > 0 && index < total) await sleep(intervalMs, signal);
        }
      },
    };
  },
});
