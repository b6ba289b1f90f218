import type { FileHandle } from 'node:fs/promises';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ComponentContext } from '@sluice/component-api';
import {
  defineSink,
  finalizeEvents,
  getField,
  type LogEvent,
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

export interface FileSinkOptions {
  /** A path; `{{ field.path }}` is replaced by the event's field (events without it are rejected). */
  path: string;
  encoding?: EncodingConfig;
  framing?: SinkFramingConfig;
}

const TEMPLATE = /\{\{\s*([^}\s]+)\s*\}\}/g;

/** The path of an event, or undefined when a field of the template is missing. */
function renderPath(template: string, event: LogEvent): string | undefined {
  let missing = false;
  const path = template.replace(TEMPLATE, (_, field: string) => {
    const value = getField(event.fields, field);
    if (value === undefined || value === null) {
      missing = true;
      return '';
    }
    // A field value never climbs out of its directory.
    return String(value).replaceAll('/', '_').replaceAll('\0', '_');
  });
  return missing ? undefined : path;
}

/**
 * Appends each event as one line to the file its path template names (created with its
 * directory); files stay open until the input ends, then are synced (`fsync`) and closed. A path
 * that cannot be opened or written rejects its events (counted, logged) and the sink goes on, as
 * Vector's; a failed sync or close is counted, never thrown.
 */
export function createFileSink(options: FileSinkOptions, context: ComponentContext): Sink {
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
            const path = renderPath(options.path, event);
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
  description: 'Appends events to files, one per line; the path may name event fields (`{{ field }}`).',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['path'],
    properties: {
      path: {
        type: 'string',
        minLength: 1,
        description: 'The file to append to; `{{ field.path }}` is replaced by that field of each event.',
        examples: ['/var/log/sluice/events.log'],
      },
      encoding: encodingOptionSchema,
      framing: sinkFramingOptionSchema,
    },
  },
  validate: (options) => encodingProblems(options.encoding),
  create: (options, context) => createFileSink(options, context),
});
