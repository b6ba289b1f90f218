import { createLogUpdate } from 'log-update';
import colors from 'picocolors';
import type { ComponentView } from './api.js';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes.js';
import type { Io } from './io.js';

export interface TopOptions {
  /** The API of the running instance, e.g. http://127.0.0.1:8686. */
  url: string;
  /** Milliseconds between refreshes (Vector's `-i`). */
  intervalMs: number;
  /** The column to sort by (`sortColumnOf`); none: as the API lists them (sources, transforms, sinks). */
  sort?: number;
  descending?: boolean;
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

/** Vector's names of its columns (`--sort-field "Events In Total"`), as ours. */
const VECTOR_COLUMNS: Readonly<Record<string, (typeof HEADERS)[number]>> = {
  'events in total': 'EVENTS IN',
  'bytes in total': 'BYTES IN',
  'events out total': 'EVENTS OUT',
  'bytes out total': 'BYTES OUT',
};

/** The column a `--sort-field` names (a header, any case, or Vector's name); undefined if none. */
export function sortColumnOf(name: string): number | undefined {
  const wanted = name.trim().toLowerCase().replace(/[_-]/g, ' ');
  const header = VECTOR_COLUMNS[wanted] ?? HEADERS.find((candidate) => candidate.toLowerCase() === wanted);
  return header === undefined ? undefined : HEADERS.indexOf(header);
}

export const SORT_COLUMNS: readonly string[] = HEADERS;

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
export function renderTable(
  current: Sample,
  previous: Sample | undefined,
  color: boolean,
  sort?: { column: number; descending: boolean },
): string {
  const seconds = previous === undefined ? 0 : (current.at - previous.at) / 1000;
  const rateOf = (component: ComponentView, field: 'received_events' | 'sent_events') => {
    const before = previous?.components.find((candidate) => candidate.id === component.id);
    if (before === undefined || seconds <= 0) return undefined;
    return Math.max(0, component[field] - before[field]) / seconds;
  };
  const cells = (component: ComponentView) => {
    const inRate = rateOf(component, 'received_events');
    const outRate = rateOf(component, 'sent_events');
    // What each column sorts by: its text, or the number it shows.
    const values: Array<string | number> = [
      component.id,
      component.kind,
      component.type,
      component.received_events,
      inRate ?? -1,
      component.received_bytes,
      component.sent_events,
      outRate ?? -1,
      component.sent_bytes,
      component.errors,
      component.discarded_events,
      component.buffer?.events ?? -1,
    ];
    const text = [
      component.id,
      component.kind,
      component.type,
      formatCount(component.received_events),
      inRate === undefined ? '-' : formatCount(inRate),
      formatBytes(component.received_bytes),
      formatCount(component.sent_events),
      outRate === undefined ? '-' : formatCount(outRate),
      formatBytes(component.sent_bytes),
      formatCount(component.errors),
      formatCount(component.discarded_events),
      bufferCell(component),
    ];
    return { values, text };
  };
  const table = current.components.map(cells);
  if (sort !== undefined) {
    const direction = sort.descending ? -1 : 1;
    table.sort((a, b) => {
      const left = a.values[sort.column] as string | number;
      const right = b.values[sort.column] as string | number;
      const order =
        typeof left === 'number' && typeof right === 'number'
          ? left - right
          : String(left).localeCompare(String(right));
      return order * direction || String(a.values[0]).localeCompare(String(b.values[0]));
    });
  }
  const rows = table.map((row) => row.text);
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
  let sort =
    options.sort === undefined
      ? undefined
      : { column: options.sort, descending: options.descending === true };
  const sample = async (): Promise<Sample> => ({
    components: await fetchComponents(options.url, stop.signal),
    at: performance.now(),
  });
  if (options.once === true) {
    try {
      io.stdout(`${renderTable(await sample(), undefined, false, sort)}\n`);
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
  let wake = () => {};
  // Vector's keys: 1-9 and 0 sort by that column, r reverses; s moves to the next column.
  const onKey = (key: Buffer) => {
    const text = key.toString();
    if (text === 'q' || text === 'Q' || text === '\u0003') stop.abort();
    else if (/^[0-9]$/.test(text))
      sort = { column: (Number(text) + 9) % 10, descending: sort?.descending ?? false };
    else if (text === 'r') sort = { column: sort?.column ?? 0, descending: !(sort?.descending ?? false) };
    else if (text === 's')
      sort = {
        column: ((sort?.column ?? -1) + 1) % SORT_COLUMNS.length,
        descending: sort?.descending ?? false,
      };
    else return;
    wake();
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
        view = renderTable(current, previous, options.color && update !== undefined, sort);
        previous = current;
      } catch (error) {
        if (stop.signal.aborted) break;
        view = `cannot reach the API at ${options.url}: ${(error as Error).message}; retrying`;
        previous = undefined;
      }
      const sorted =
        sort === undefined
          ? ''
          : `; sorted by ${SORT_COLUMNS[sort.column]}${sort.descending ? ' (descending)' : ''}`;
      const help = update === undefined ? '' : '; 1-9 0 s sort, r reverse, q quit';
      const title = `sluice top: ${options.url}  (every ${options.intervalMs} ms${sorted}${help})`;
      if (update === undefined) io.stdout(`${title}\n${view}\n\n`);
      else update(`${title}\n\n${view}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        stop.signal.addEventListener('abort', wake, { once: true });
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
