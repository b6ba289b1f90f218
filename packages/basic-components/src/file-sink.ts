import type { FileHandle } from 'node:fs/promises';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ComponentContext } from '@sluice/component-api';
import {
  defineSink,
  finalizeEvents,
  getField,
  type LogEvent,
  type OptionProblem,
  rateLimitedLog,
  type Sink,
  type SinkDefinition,
  SPECIFICATION_VERSION,
  untilAborted,
} from '@sluice/component-api';
import {
  createFramedEncoder,
  type EncodingConfig,
  encodingOptionSchema,
  encodingProblems,
  type SinkFramingConfig,
  sinkFramingOptionSchema,
} from '@sluice/encoding';
import { encodingFailureHandler } from './encoding-failures.js';
import { parseStrftime, type StrftimeFormat } from './strftime.js';

export interface FileSinkOptions {
  /**
   * A path; `{{ field.path }}` is replaced by the event's field (events without it are rejected),
   * strftime specifiers (`%Y-%m-%d`) by the event's `timestamp` (now when it has none).
   */
  path: string;
  /** `local` or an IANA time zone name: its offset when the sink starts renders the time (default UTC). */
  timezone?: string;
  encoding?: EncodingConfig;
  framing?: SinkFramingConfig;
}

/** Vector's template references: `{{` anything but `}` `}}`, the path trimmed. */
const TEMPLATE_REFERENCE = /\{\{([^}]+)\}\}/g;

type PathPart = { text: string } | { field: string } | { time: StrftimeFormat };

/** The parts of a path template as Vector's parse them: references, then strftime in the text between. */
function parsePathTemplate(template: string): PathPart[] | { error: string } {
  const parts: PathPart[] = [];
  const addText = (text: string) => {
    if (text === '') return undefined;
    const time = parseStrftime(text);
    if ('error' in time) return time;
    parts.push(time.dynamic ? { time } : { text });
    return undefined;
  };
  let last = 0;
  for (const match of template.matchAll(TEMPLATE_REFERENCE)) {
    const failed = addText(template.slice(last, match.index));
    if (failed !== undefined) return failed;
    parts.push({ field: (match[1] as string).trim() });
    last = match.index + match[0].length;
  }
  return addText(template.slice(last)) ?? parts;
}

/** The offset of `timezone` now in seconds (`local` is the machine's), undefined for UTC or an unknown name. */
function timezoneOffsetSeconds(timezone: string | undefined, now = new Date()): number | undefined {
  if (timezone === undefined) return undefined;
  if (timezone === 'local') return -now.getTimezoneOffset() * 60;
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
      .formatToParts(now)
      .find((part) => part.type === 'timeZoneName')?.value;
    const offset = /^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(name ?? '');
    if (offset === null) return undefined;
    if (offset[1] === undefined) return 0;
    const seconds = Number(offset[2]) * 3600 + Number(offset[3]) * 60 + Number(offset[4] ?? 0);
    return offset[1] === '-' ? -seconds : seconds;
  } catch {
    return undefined;
  }
}

function isKnownTimezone(timezone: string): boolean {
  return timezone === 'local' || timezoneOffsetSeconds(timezone) !== undefined;
}

/** The problems of the path template and time zone, as configuration errors. */
function pathProblems(options: FileSinkOptions): OptionProblem[] {
  const problems: OptionProblem[] = [];
  const parsed = parsePathTemplate(options.path);
  if ('error' in parsed)
    problems.push({ path: 'path', message: `${parsed.error} in ${JSON.stringify(options.path)}` });
  if (options.timezone !== undefined && !isKnownTimezone(options.timezone))
    problems.push({ path: 'timezone', message: `unknown time zone ${JSON.stringify(options.timezone)}` });
  return problems;
}

/** The path of an event, or undefined when a field of the template is missing. */
function renderPath(
  parts: readonly PathPart[],
  event: LogEvent,
  offsetSeconds: number | undefined,
): string | undefined {
  let path = '';
  for (const part of parts) {
    if ('text' in part) path += part.text;
    else if ('time' in part) {
      const timestamp = event.fields.timestamp;
      path += part.time.format(timestamp instanceof Date ? timestamp : new Date(), offsetSeconds);
    } else {
      const value = getField(event.fields, part.field);
      if (value === undefined || value === null) return undefined;
      // A field value never climbs out of its directory.
      path += String(value).replaceAll('/', '_').replaceAll('\0', '_');
    }
  }
  return path;
}

/**
 * Appends each event as one line to the file its path template names (created with its
 * directory); files stay open until the input ends, then are synced (`fsync`) and closed. A path
 * that cannot be opened or written rejects its events (counted, logged) and the sink goes on, as
 * Vector's; a failed sync or close is counted, never thrown.
 */
export function createFileSink(options: FileSinkOptions, context: ComponentContext): Sink {
  const pathParts = parsePathTemplate(options.path);
  if ('error' in pathParts) throw new Error(`${pathParts.error} in ${JSON.stringify(options.path)}`);
  const offsetSeconds = timezoneOffsetSeconds(options.timezone);
  const encoder = createFramedEncoder(options.encoding, options.framing);
  const rejectUnencodable = encodingFailureHandler(context);
  const sentEvents = context.metrics.counter('component_sent_events_total');
  const sentEventBytes = context.metrics.counter('component_sent_event_bytes_total');
  const sentBytes = context.metrics.counter('component_sent_bytes_total');
  const discarded = context.metrics.counter('component_discarded_events_total', { intentional: 'false' });
  const templateErrors = context.metrics.counter('component_errors_total', {
    error_type: 'template_failed',
    stage: 'processing',
  });
  const warn = rateLimitedLog(context.logger, 'warn');
  const ioErrors = new Map<FileErrorCode, { increment(value?: number): void }>();
  const logIoError = rateLimitedLog(context.logger, 'error');
  /**
   * As Vector's `FileIoError`: one error counted per failed call, the events of that path rejected
   * and counted discarded; the sink goes on with the other paths.
   */
  const ioFailed = (code: FileErrorCode, error: unknown, path: string, events: readonly LogEvent[]) => {
    let counter = ioErrors.get(code);
    if (counter === undefined) {
      counter = context.metrics.counter('component_errors_total', {
        error_code: code,
        error_type: 'io_failed',
        stage: 'sending',
      });
      ioErrors.set(code, counter);
    }
    counter.increment();
    logIoError(FILE_ERROR_MESSAGES[code], { path, error: String(error), error_code: code });
    if (events.length === 0) return;
    finalizeEvents(events, 'rejected');
    discarded.increment(events.length);
  };
  return {
    // Each batch is finalized before the next is pulled.
    maxHeldEvents: 0,
    async run(input) {
      const files = new Map<string, FileHandle>();
      /** The open file of `path`; a failed open is not kept, the next event of the path tries again. */
      const fileFor = async (path: string) => {
        let file = files.get(path);
        if (file === undefined) {
          await mkdir(dirname(path), { recursive: true });
          file = await open(path, 'a');
          files.set(path, file);
        }
        return file;
      };
      try {
        for await (const batch of untilAborted(input, context.signal)) {
          const byPath = new Map<string, LogEvent[]>();
          for (const event of batch) {
            const path = renderPath(pathParts, event, offsetSeconds);
            if (path === undefined) {
              finalizeEvents([event], 'rejected');
              discarded.increment();
              templateErrors.increment();
              warn('event rejected: a field of the path template is missing', { path: options.path });
              continue;
            }
            const group = byPath.get(path);
            if (group === undefined) byPath.set(path, [event]);
            else group.push(event);
          }
          for (const [path, events] of byPath) {
            const { bytes: chunk, written, failed } = encoder.encodeBatch(events);
            rejectUnencodable(failed);
            if (written.length === 0) continue;
            let file: FileHandle;
            try {
              file = await fileFor(path);
            } catch (error) {
              ioFailed('failed_opening_file', error, path, written);
              continue;
            }
            try {
              await file.write(chunk);
            } catch (error) {
              ioFailed('failed_writing_file', error, path, written);
              continue;
            }
            finalizeEvents(written, 'delivered');
            let bytes = 0;
            for (const event of written) bytes += event.metadata.byteSize;
            sentEvents.increment(written.length);
            sentEventBytes.increment(bytes);
            sentBytes.increment(chunk.length);
          }
        }
      } finally {
        for (const [path, file] of files) {
          try {
            await file.sync();
          } catch (error) {
            ioFailed('failed_closing_file', error, path, []);
          } finally {
            await file.close().catch((error: unknown) => ioFailed('failed_closing_file', error, path, []));
          }
        }
      }
    },
  };
}

type FileErrorCode = 'failed_opening_file' | 'failed_writing_file' | 'failed_closing_file';

/** Vector's messages for its `FileIoError` codes. */
const FILE_ERROR_MESSAGES: Record<FileErrorCode, string> = {
  failed_opening_file: 'Unable to open the file.',
  failed_writing_file: 'Failed to write the file.',
  failed_closing_file: 'Failed to close file.',
};

export const fileSink: SinkDefinition<FileSinkOptions> = defineSink<FileSinkOptions>({
  specificationVersion: SPECIFICATION_VERSION,
  kind: 'sink',
  type: 'file',
  description:
    'Appends events to files, one per line; the path may name event fields (`{{ field }}`) and the time (`%Y-%m-%d`).',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: {
        type: 'string',
        minLength: 1,
        description:
          'The file to append to; `{{ field.path }}` is replaced by that field of each event, strftime specifiers (`%Y-%m-%d`) by its `timestamp`.',
        examples: ['/var/log/sluice/events-%Y-%m-%d.log'],
      },
      timezone: {
        type: 'string',
        minLength: 1,
        description:
          'The time zone of the strftime specifiers: `local` or an IANA name (its offset when the sink starts); UTC when unset.',
        examples: ['local', 'Europe/Paris'],
      },
      encoding: encodingOptionSchema,
      framing: sinkFramingOptionSchema,
    },
  },
  validate: (options) => [...pathProblems(options), ...encodingProblems(options.encoding)],
  create: (options, context) => createFileSink(options, context),
});
