import { stringify as yamlStringify } from 'yaml';
import type { TapLine, TapNotification } from './api.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';

export type TapFormat = 'json' | 'yaml' | 'logfmt';

export interface TapCommandOptions {
  /** The API of the running instance, e.g. http://127.0.0.1:8686. */
  url: string;
  /** Positional patterns: outputs of these components. */
  patterns: string[];
  outputsOf: string[];
  inputsOf: string[];
  limit: number;
  interval: number;
  format: TapFormat;
  /** Print the component id with each event. */
  meta?: boolean;
  quiet?: boolean;
  io: Io;
}

function logfmtValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/** Nested fields flattened with dots, as Vector's logfmt. */
function logfmt(fields: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([key, value]) =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? logfmt(value as Record<string, unknown>, `${prefix}${key}.`)
      : [`${prefix}${key}=${logfmtValue(value)}`],
  );
}

/** One tapped event as printed: the event alone, or with its component id (`--meta`). */
export function formatTapLine(line: TapLine, format: TapFormat, meta: boolean): string {
  const value = meta ? line : line.event;
  if (format === 'yaml') return `---\n${yamlStringify(value)}`.trimEnd();
  if (format === 'logfmt') return logfmt(value as Record<string, unknown>).join(' ');
  return JSON.stringify(value);
}

/**
 * A line of `/tap` as printed. JSON is printed as the instance wrote it (Vector's JSON: `2.0`,
 * big integers and nanoseconds kept, which a parse would lose); the other formats from its parse.
 */
export function formatTapText(text: string, format: TapFormat, meta: boolean): string {
  if (format !== 'json') return formatTapLine(JSON.parse(text) as TapLine, format, meta);
  if (meta) return text;
  // `{"component_id":"…","event":{…}}`: a JSON string holds no unescaped quote, so the first
  // `","event":` ends the id.
  return text.slice(text.indexOf('","event":') + '","event":'.length, -1);
}

/** The `/tap` address for these options. */
export function tapUrl(options: Omit<TapCommandOptions, 'io' | 'format'>): string {
  const url = new URL(`${options.url.replace(/\/+$/, '')}/tap`);
  const outputsOf = [...options.patterns, ...options.outputsOf];
  if (outputsOf.length > 0) url.searchParams.set('outputs_of', outputsOf.join(','));
  if (options.inputsOf.length > 0) url.searchParams.set('inputs_of', options.inputsOf.join(','));
  url.searchParams.set('limit', String(options.limit));
  url.searchParams.set('interval_ms', String(options.interval));
  return url.toString();
}

/**
 * `sluice tap`: prints sampled events passing through components of a running instance, one per
 * line, until Ctrl-C or the instance stops.
 */
export async function runTap(options: TapCommandOptions): Promise<number> {
  const { io } = options;
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  io.signals.on('SIGINT', onSignal);
  io.signals.on('SIGTERM', onSignal);
  try {
    const response = await fetch(tapUrl(options), { signal: stop.signal });
    if (!response.ok || response.body === null) {
      io.stderr(`error: GET /tap answered ${response.status}: ${await response.text()}\n`);
      return EXIT_FAILURE;
    }
    if (options.quiet !== true) io.stderr(`[tap] connected to ${options.url}; Ctrl-C to stop\n`);
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of response.body) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') continue;
        if (line.startsWith('{"notification":')) {
          const { notification } = JSON.parse(line) as TapNotification;
          if (options.quiet !== true) io.stderr(`${notification.message}\n`);
        } else io.stdout(`${formatTapText(line, options.format, options.meta === true)}\n`);
      }
    }
    if (options.quiet !== true) io.stderr('[tap] the instance closed the connection\n');
    return EXIT_OK;
  } catch (error) {
    if (stop.signal.aborted) return EXIT_OK;
    io.stderr(`error: cannot tap ${options.url}: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  } finally {
    io.signals.off('SIGINT', onSignal);
    io.signals.off('SIGTERM', onSignal);
  }
}
