import { createLogUpdate } from 'log-update';
import colors from 'picocolors';
import type { ComponentView } from './api.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';

export interface TopOptions {
  /** The API of the running instance, e.g. http://127.0.0.1:8686. */
  url: string;
  /** Seconds between refreshes. */
  interval: number;
  once?: boolean;
  color: boolean;
  io: Io;
}

export interface Sample {
  components: ComponentView[];
  /** performance.now() when it was taken. */
  at: number;
}

/** GET /components of a running instance. */
export async function fetchComponents(url: string, signal?: AbortSignal): Promise<ComponentView[]> {
  const response = await fetch(`${url.replace(/\/+$/, '')}/components`, { signal });
  if (!response.ok) throw new Error(`GET /components answered ${response.status}`);
  return ((await response.json()) as { components: ComponentView[] }).components;
}

const UNITS = ['', 'k', 'M', 'G', 'T'];

/** 1234567 → "1.23M": short enough for a column, exact below 10,000. */
export function formatCount(value: number): string {
  if (value < 10_000) return String(Math.round(value));
  let scaled = value;
  let unit = 0;
  while (scaled >= 1000 && unit < UNITS.length - 1) {
    scaled /= 1000;
    unit += 1;
  }
  return `${scaled.toFixed(scaled < 100 ? 2 : 1)}${UNITS[unit]}`;
}

export function formatBytes(value: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${Math.round(scaled)} B` : `${scaled.toFixed(1)} ${units[unit]}`;
}

const HEADERS = [
  'ID',
  'KIND',
  'TYPE',
  'EVENTS IN',
  'IN/S',
  'BYTES IN',
  'EVENTS OUT',
  'OUT/S',
  'BYTES OUT',
  'ERRORS',
  'DISCARDED',
  'BUFFER',
] as const;
/** Columns aligned left (text); the rest are numbers, aligned right. */
const TEXT_COLUMNS = 3;

function bufferCell(component: ComponentView): string {
  const buffer = component.buffer;
  if (buffer === undefined) return '-';
  if (buffer.max_events !== null && buffer.max_events > 0)
    return `${formatCount(buffer.events)}/${formatCount(buffer.max_events)} (${Math.round((100 * buffer.events) / buffer.max_events)}%)`;
  if (buffer.max_bytes !== null && buffer.max_bytes > 0)
    return `${formatCount(buffer.events)} ev, ${formatBytes(buffer.bytes)}/${formatBytes(buffer.max_bytes)} (${Math.round((100 * buffer.bytes) / buffer.max_bytes)}%)`;
  return `${formatCount(buffer.events)} ev, ${formatBytes(buffer.bytes)}`;
}

/**
 * The table of one refresh; rates are per second since `previous` (a dash before the second
 * sample). Plain text unless `color`; columns padded to their widest cell.
 */
export function renderTable(current: Sample, previous: Sample | undefined, color: boolean): string {
  const seconds = previous === undefined ? 0 : (current.at - previous.at) / 1000;
  const rate = (component: ComponentView, field: 'received_events' | 'sent_events') => {
    const before = previous?.components.find((candidate) => candidate.id === component.id);
    if (before === undefined || seconds <= 0) return '-';
    return formatCount(Math.max(0, component[field] - before[field]) / seconds);
  };
  const rows = current.components.map((component) => [
    component.id,
    component.kind,
    component.type,
    formatCount(component.received_events),
    rate(component, 'received_events'),
    formatBytes(component.received_bytes),
    formatCount(component.sent_events),
    rate(component, 'sent_events'),
    formatBytes(component.sent_bytes),
    formatCount(component.errors),
    formatCount(component.discarded_events),
    bufferCell(component),
  ]);
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] as string).length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column < TEXT_COLUMNS
          ? cell.padEnd(widths[column] as number)
          : cell.padStart(widths[column] as number),
      )
      .join('  ')
      .trimEnd();
  const paint = colors.createColors(color);
  const header = paint.bold(line(HEADERS));
  const body = rows.map((row) => {
    const text = line(row);
    return Number(row[9] !== '0') + Number(row[10] !== '0') > 0 ? paint.yellow(text) : text;
  });
  return [header, ...body].join('\n');
}

/**
 * `sluice top`: refreshes in place on a terminal (quit with q or Ctrl-C); elsewhere (a pipe, a
 * file) prints a plain table per refresh; `--once` prints one and exits.
 */
export async function runTop(options: TopOptions): Promise<number> {
  const { io } = options;
  const terminal = io.terminal;
  const stop = new AbortController();
  let previous: Sample | undefined;
  const sample = async (): Promise<Sample> => ({
    components: await fetchComponents(options.url, stop.signal),
    at: performance.now(),
  });
  if (options.once === true) {
    try {
      io.stdout(`${renderTable(await sample(), undefined, false)}\n`);
      return EXIT_OK;
    } catch (error) {
      io.stderr(`error: cannot read ${options.url}: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
  }
  const onSignal = () => stop.abort();
  io.signals.on('SIGINT', onSignal);
  io.signals.on('SIGTERM', onSignal);
  const update = terminal === undefined ? undefined : createLogUpdate(terminal.output, { showCursor: false });
  const onKey = (key: Buffer) => {
    const text = key.toString();
    if (text === 'q' || text === 'Q' || text === '\u0003') stop.abort();
  };
  const keys = terminal?.input.isTTY === true ? terminal.input : undefined;
  if (keys !== undefined) {
    keys.setRawMode(true);
    keys.on('data', onKey);
    keys.resume();
  }
  try {
    while (!stop.signal.aborted) {
      let view: string;
      try {
        const current = await sample();
        view = renderTable(current, previous, options.color && update !== undefined);
        previous = current;
      } catch (error) {
        if (stop.signal.aborted) break;
        view = `cannot reach the API at ${options.url}: ${(error as Error).message}; retrying`;
        previous = undefined;
      }
      const title = `sluice top: ${options.url}  (every ${options.interval} s${update === undefined ? '' : '; q to quit'})`;
      if (update === undefined) io.stdout(`${title}\n${view}\n\n`);
      else update(`${title}\n\n${view}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.interval * 1000);
        stop.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
    update?.done();
    return EXIT_OK;
  } finally {
    io.signals.off('SIGINT', onSignal);
    io.signals.off('SIGTERM', onSignal);
    if (keys !== undefined) {
      keys.off('data', onKey);
      keys.setRawMode(false);
      keys.pause();
    }
  }
}
